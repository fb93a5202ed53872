package dev.enroll.benchmark;

/** The server answered, but not with the status the scenario expects; counted as an error. */
final class UnexpectedAnswer extends Exception {

    private final int status;

    UnexpectedAnswer(String what, int status) {
        super(what + " answered HTTP " + status, null, false, false);
        this.status = status;
    }

    /** How errors are tallied: by status, never by body (which may echo personal data). */
    String kind() {
        return "HTTP " + status;
    }
}
