package cn.shouwang.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The county server: registry, comparison runs, casework and reports in one modular monolith. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ShouwangApplication {
    public static void main(String[] args) {
        if (cn.shouwang.server.tools.Commands.handles(args)) {
            System.exit(cn.shouwang.server.tools.Commands.run(args));
        }
        SpringApplication.run(ShouwangApplication.class, args);
    }
}
