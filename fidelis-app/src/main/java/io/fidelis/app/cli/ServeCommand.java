package io.fidelis.app.cli;

import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the web server (port: SERVER_PORT, default 8080).")
class ServeCommand implements Runnable {
    static volatile boolean serving;

    @Override
    public void run() {
        serving = true;
        ConfigurableApplicationContext context = Contexts.start(true, Map.of());
        Banner.printReady(context);
    }
}
