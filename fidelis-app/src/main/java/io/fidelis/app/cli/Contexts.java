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

    static ConfigurableApplicationContext start(boolean web, Map<String, Object> properties) {
        Map<String, Object> props = new LinkedHashMap<>(properties);
        if (!web) {
            props.putIfAbsent("logging.level.root", "warn");
            props.putIfAbsent("logging.level.io.fidelis", "warn");
        }
        return new SpringApplicationBuilder(FidelisApplication.class)
                .web(web ? WebApplicationType.SERVLET : WebApplicationType.NONE)
                .properties(props)
                .run();
    }
}
