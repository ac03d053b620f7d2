package io.fidelis.app.cli;

import io.fidelis.app.staff.AdminAccount;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

final class Banner {
    private Banner() {
    }

    static void printReady(ConfigurableApplicationContext context) {
        int port = context instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : 8080;
        AdminAccount admin = context.getBean(AdminAccount.class);
        System.out.println();
        System.out.println("Fidelis is running at http://localhost:" + port + "/");
        System.out.println("  API documentation: http://localhost:" + port + "/api/docs");
        if (admin.generatedPassword().isPresent()) {
            System.out.println("  Sign in as: admin / " + admin.generatedPassword().get()
                    + "   (first run; this password is shown only now)");
        } else if (admin.createdNow()) {
            System.out.println("  Sign in as: admin with the password in FIDELIS_ADMIN_PASSWORD");
        } else {
            System.out.println("  Sign in as: admin (the password was printed on the first run, or set by"
                    + " FIDELIS_ADMIN_PASSWORD then)");
        }
        System.out.println("Press Ctrl+C to stop.");
    }
}
