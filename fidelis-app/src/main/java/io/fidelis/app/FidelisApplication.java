package io.fidelis.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Spring Boot application. Start it through {@link io.fidelis.app.cli.Main}, the CLI entry point. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FidelisApplication {
}
