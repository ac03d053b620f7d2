package io.fidelis.app.cli;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Start the web server (port: SERVER_PORT, default 8080).",
                "Any Spring Boot property can follow as --name=value, e.g. --server.port=9090."})
class ServeCommand implements Runnable {
    static volatile boolean serving;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public void run() {
        serving = true;
        ConfigurableApplicationContext context = Contexts.startWithArguments(true,
                springArguments.toArray(String[]::new));
        Banner.printReady(context);
    }
}
