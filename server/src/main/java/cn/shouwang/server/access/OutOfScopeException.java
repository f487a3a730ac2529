package cn.shouwang.server.access;

/**
 * Thrown when a request names something outside the account's area. Answered as 404 (page or
 * JSON) so that a village monitor cannot even learn that another village's household exists.
 */
public class OutOfScopeException extends RuntimeException {
    public OutOfScopeException(String what) {
        super(what);
    }
}
