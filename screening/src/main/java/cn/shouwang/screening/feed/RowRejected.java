package cn.shouwang.screening.feed;

/**
 * A row that breaks feeds.md: goes to rejects.csv with its reason. Thrown without a stack trace because
 * dirty exports can hold many such rows and the trace would never be shown anyway.
 */
public final class RowRejected extends Exception {
    public RowRejected(String reason) {
        super(reason, null, false, false);
    }

    /** The reason as written to rejects.csv. */
    public String reason() { return getMessage(); }
}
