package cn.shouwang.screening.run;

import cn.shouwang.screening.output.Reject;
import cn.shouwang.screening.output.Warning;
import java.io.IOException;
import java.util.List;

/**
 * Where a run's results go: warnings.csv/rejects.csv/summary.txt for the command line ({@link CsvResults}), the
 * database for the server. Called on the thread that started the run, one call at a time.
 */
public interface ResultSink {

    /** Once the inputs are read, before the first warnings (the CSV output creates its folder here). */
    default void start() throws UnusableInputException, IOException { }

    /** The warnings of consecutive households, in warnings.csv order (household_id, rule, id number); may be empty. */
    void warnings(List<Warning> inOrder) throws IOException;

    /** Every reject of the run, in rejects.csv order; after the last warnings. */
    void rejects(List<Reject> inOrder) throws IOException;

    /** The run's summary, last. */
    void summary(Summary summary) throws IOException;
}
