package dev.enroll.adapter.http;

/** A test partner's credentials, as the partner would hold them. */
record PartnerKeys(String partnerId, String clientId, String clientSecret) {
}
