package cn.shouwang.screening.run;

import java.io.IOException;

/**
 * Another way to run the same comparison (the Spark job), found with {@link java.util.ServiceLoader} by
 * {@link #name()} when {@code screen --engine NAME} is given. It must write the same warnings.csv and rejects.csv.
 */
public interface ScreeningEngine {
    String name();

    Summary run(Screening.Options options) throws UnusableInputException, IOException;
}
