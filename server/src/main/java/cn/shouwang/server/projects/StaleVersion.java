package cn.shouwang.server.projects;

/** The record was changed by someone else since the form was read (its version moved on): the form comes back, 409. */
public class StaleVersion extends RuntimeException {
    public StaleVersion(String what) {
        super(what + " changed since the form was read");
    }
}
