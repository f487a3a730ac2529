package cn.shouwang.server.household;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** In the demo profile, the first start on an empty database loads areas and a demo population. */
@Component
@Profile("demo")
@Order(10)
class DemoStartup implements ApplicationRunner {
    private final DemoData demo;
    private final long persons;
    private final long seed;

    DemoStartup(DemoData demo, @Value("${shouwang.demo.persons:10000}") long persons,
                @Value("${shouwang.demo.seed:20240630}") long seed) {
        this.demo = demo;
        this.persons = persons;
        this.seed = seed;
    }

    @Override
    public void run(ApplicationArguments args) {
        demo.ensurePopulation(persons, seed, persons > 200_000);
    }
}
