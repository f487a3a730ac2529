package cn.shouwang.server.access;

/**
 * Thrown when an administrator tries to change something that applies beyond their own area: a province-wide
 * setting, code list or division edition by anyone but an administrator of the whole province, or an income line or
 * per-area setting of an area their own does not cover. Unlike {@link OutOfScopeException} (404: the thing is not
 * theirs to see), the thing is shown to them; only the change is refused, with 403 and the reason in words
 * ({@code messageKey}, one argument: the area's name).
 */
public class BeyondOwnAreaException extends RuntimeException {
    /** Province-wide: only an administrator whose area covers every area may change it. */
    public static final String EVERYWHERE = "error.403.everywhere";
    /** An area the administrator's own does not cover; the argument is its name. */
    public static final String AREA = "error.403.area";

    private final String messageKey;
    private final String areaName;

    public BeyondOwnAreaException(String messageKey, String areaName) {
        super(messageKey + " " + areaName);
        this.messageKey = messageKey;
        this.areaName = areaName;
    }

    /** For a change that applies everywhere. */
    public static BeyondOwnAreaException everywhere() {
        return new BeyondOwnAreaException(EVERYWHERE, "");
    }

    public String messageKey() {
        return messageKey;
    }

    public String areaName() {
        return areaName;
    }
}
