package io.fidelis.app.suggestion;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The e-mail that closes the loop: "your suggestion led to …", in the customer's language, through the configured
 * SMTP server, sent after the delivery is committed in a thread of its own (a slow server does not hold the page).
 */
@Component
class SuggestionMail {
    private static final Logger log = LoggerFactory.getLogger(SuggestionMail.class);
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fidelis-suggestion-mail");
        t.setDaemon(true);
        return t;
    });

    SuggestionMail(ObjectProvider<JavaMailSender> sender,
                   @Value("${fidelis.surveys.mail-from:Fidelis <surveys@localhost>}") String from) {
        this.sender = sender;
        this.from = from;
    }

    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Sends after commit; {@code failed} is told when the server refuses it. */
    void send(String to, String name, String language, String title, String note, Runnable failed) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            failed.run();
            return;
        }
        Runnable job = () -> {
            try {
                MimeMessage m = mail.createMimeMessage();
                MimeMessageHelper h = new MimeMessageHelper(m, false, "UTF-8");
                h.setFrom(from);
                h.setTo(to);
                boolean zh = language != null && language.startsWith("zh");
                h.setSubject(subject(zh, title));
                h.setText(body(zh, name, title, note), false);
                mail.send(m);
            } catch (Exception e) {
                io.micrometer.core.instrument.Metrics.counter("fidelis.mail.failures", "kind", "suggestion")
                        .increment();
                log.warn("Suggestion e-mail to {} not sent: {}", to, e.toString());
                failed.run();
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    worker.submit(job);
                }
            });
        } else {
            worker.submit(job);
        }
    }

    static String subject(boolean zh, String title) {
        return zh ? "您的建议促成了：" + title : "Your suggestion led to: " + title;
    }

    static String body(boolean zh, String name, String title, String note) {
        StringBuilder b = new StringBuilder();
        String who = name == null || name.isBlank() ? "" : name;
        b.append(zh ? (who.isEmpty() ? "您好" : who + "，您好") + "：" : "Hello" + (who.isEmpty() ? "" : " " + who) + ",")
                .append("\n\n");
        b.append(zh ? "感谢您曾向我们提出建议。我们认真听取了，并且已经做到：" : "Thank you for the suggestion you gave"
                + " us. We listened, and it is done:").append("\n\n").append(title).append("\n");
        if (note != null && !note.isBlank()) {
            b.append("\n").append(note).append("\n");
        }
        b.append("\n").append(zh ? "顾客的意见是我们创新的源泉。欢迎继续告诉我们您的想法！"
                : "Customers' opinions are where our improvements come from. Please keep telling us what you think!")
                .append("\n");
        return b.toString();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
