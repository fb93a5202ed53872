package dev.enroll.adapter.http;

/** The caller is authenticated, but its token's scope does not cover this operation. */
final class NoPermissionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoPermissionException() {
        super("The credentials do not grant access to this resource", null, false, false);
    }
}
