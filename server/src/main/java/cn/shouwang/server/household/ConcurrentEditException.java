package cn.shouwang.server.household;

/** Someone saved the household after this form was opened; nothing of this save was stored. */
@org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CONFLICT)
public class ConcurrentEditException extends RuntimeException {
    public ConcurrentEditException() {
        super("household changed since it was read");
    }
}
