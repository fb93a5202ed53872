package dev.enroll.adapter.http.client;

/** The server refused the request; the message says why, as the server put it (never a secret). */
public final class ImportClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ImportClientException(String message) {
        super(message, null, false, false);
    }
}
