package io.fidelis.app.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server for a test class (GreenMail on loopback, a free port), and the settings that point at it. */
public final class Smtp {
    private Smtp() {
    }

    /** A new server, started: one per test class, so that mail a class sends never lands in another's mailbox. */
    public static GreenMail started() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    /** Points the application's mail sender at the server. */
    public static void register(DynamicPropertyRegistry registry, GreenMail server) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> server.getSmtp().getPort());
    }
}
