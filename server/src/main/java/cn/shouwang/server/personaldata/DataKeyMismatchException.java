package cn.shouwang.server.personaldata;

/**
 * The server was given a personal-data key that is not the one the database's data was sealed with. Thrown at start
 * ({@link KeyCheck}); {@link DataKeyFailureAnalyzer} turns it into one line instead of a stack trace.
 */
public class DataKeyMismatchException extends IllegalStateException {
    public DataKeyMismatchException(String message) {
        super(message);
    }
}
