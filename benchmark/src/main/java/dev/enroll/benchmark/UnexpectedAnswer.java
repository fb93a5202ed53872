package dev.enroll.benchmark;

/** The server answered, but not with the status the scenario expects; counted as an error. */
final class UnexpectedAnswer extends Exception {

    private final int status;

    UnexpectedAnswer(String what, int status) {
        super(what + " answered HTTP " + status, null, false, false);
        this.status = status;
    }

    /** Throws unless {@code status} is 200, the only answer every scenario expects. */
    static void expect200(String what, int status) throws UnexpectedAnswer {
        if (status != 200) {
            throw new UnexpectedAnswer(what, status);
        }
    }

    /** How errors are tallied: by status, never by body (which may echo personal data). */
    String kind() {
        return "HTTP " + status;
    }
}
