package io.fidelis.app.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fidelis.app.FidelisApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the Spring application for a command: with the web server for {@code serve}, without for the others. */
final class Contexts {
    private Contexts() {
    }

    /**
     * @param overrides properties that win over the environment and application.yml (as command-line arguments do)
     */
    static ConfigurableApplicationContext start(boolean web, Map<String, Object> overrides) {
        String[] args = overrides.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return startWithArguments(web, args);
    }

    /** @param args Spring Boot command-line arguments ({@code --name=value}) */
    static ConfigurableApplicationContext startWithArguments(boolean web, String... args) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (!web) {
            defaults.put("logging.level.root", "warn");
            defaults.put("logging.level.io.fidelis", "warn");
        }
        return new SpringApplicationBuilder(FidelisApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .properties(defaults)
                .run(args);
    }
}
