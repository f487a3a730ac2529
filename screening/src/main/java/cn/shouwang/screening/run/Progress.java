package cn.shouwang.screening.run;

import cn.shouwang.screening.feed.FeedKind;

/**
 * Counts as a run goes, for a progress bar beside the text lines of {@code Screening.Input#progress}: households and
 * persons of the registry received, department files read, households compared. Called from the run's threads
 * (a file's end on the thread that read it); an implementation must be thread-safe and quick.
 */
public interface Progress {
    Progress NONE = new Progress() { };

    /** So far: households and member rows of the registry received (every 10,000 households, and at its end). */
    default void registryRead(long households, long persons) { }

    /** A department file has been read to its end ({@code rows} data rows). */
    default void fileRead(FeedKind kind, long rows) { }

    /** Households evaluated so far of {@code total}. */
    default void compared(long households, long total) { }
}
