package dev.enroll.application.port.in;

/**
 * A new user's details as the caller sent them, unchecked. {@code null} means "not given";
 * the verified flags default to false.
 */
public record UserInput(String firstName, String lastName, String email, String phone, Boolean emailVerified,
                        Boolean phoneVerified, String customField1, String customField2, String customField3,
                        String customField4, String customField5, AddressInput address, String externalUserId) {

    /** Details without the partner's own key. */
    public UserInput(String firstName, String lastName, String email, String phone, Boolean emailVerified,
                     Boolean phoneVerified, String customField1, String customField2, String customField3,
                     String customField4, String customField5, AddressInput address) {
        this(firstName, lastName, email, phone, emailVerified, phoneVerified, customField1, customField2,
                customField3, customField4, customField5, address, null);
    }
}
