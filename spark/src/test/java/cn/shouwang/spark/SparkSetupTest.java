package cn.shouwang.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

class SparkSetupTest {

    @Test
    void localModeRunsAShuffleOnThisJvm() {
        var sc = JavaSparkContext.fromSparkContext(SharedSpark.get().sparkContext());
        List<Tuple2<String, Integer>> counts = sc.parallelize(List.of("220302", "220303", "220302", "220381"), 2)
                .mapToPair(code -> new Tuple2<>(code, 1))
                .reduceByKey(Integer::sum)
                .sortByKey()
                .collect();
        assertThat(counts).containsExactly(
                new Tuple2<>("220302", 2), new Tuple2<>("220303", 1), new Tuple2<>("220381", 1));
    }
}
