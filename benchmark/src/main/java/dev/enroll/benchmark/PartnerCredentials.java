package dev.enroll.benchmark;

/** What {@code enroll.jar partner create} prints. The secret never appears in {@link #toString()}. */
record PartnerCredentials(String partnerId, String clientId, String clientSecret) {

    static PartnerCredentials fromJson(String json) {
        return new PartnerCredentials(JsonFields.string(json, "partnerId"), JsonFields.string(json, "clientId"),
                JsonFields.string(json, "clientSecret"));
    }

    String tokenRequestJson() {
        return "{\"clientId\":\"" + clientId + "\",\"clientSecret\":\"" + clientSecret + "\",\"partnerId\":\""
                + partnerId + "\",\"scope\":\"admin\"}";
    }

    @Override
    public String toString() {
        return "PartnerCredentials[partnerId=" + partnerId + ", clientId=" + clientId + ", clientSecret=(hidden)]";
    }
}
