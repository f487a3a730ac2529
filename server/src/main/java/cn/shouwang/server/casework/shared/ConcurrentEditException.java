package cn.shouwang.server.casework.shared;

/** The record changed since the form was read; nothing was written. Answered 409 with a plain message. */
public class ConcurrentEditException extends RuntimeException {
    public ConcurrentEditException() {
        super("the record was changed by someone else");
    }
}
