package io.fidelis.app.complaint;

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
 * E-mails to the customer about their complaint, in the complaint's language, through the configured SMTP server:
 * the receipt with the tracking link (the only time the link exists in clear), the handler's messages and a
 * proposed resolution to accept or decline on the tracking page. Sent after the change is committed, in a thread of
 * their own; without a mail server nothing is sent (the tracking link is then shown to whoever filed it).
 */
@Component
class ComplaintMail {
    private static final Logger log = LoggerFactory.getLogger(ComplaintMail.class);
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;
    private final String publicUrl;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fidelis-complaint-mail");
        t.setDaemon(true);
        return t;
    });

    ComplaintMail(ObjectProvider<JavaMailSender> sender,
                  @Value("${fidelis.surveys.mail-from:Fidelis <surveys@localhost>}") String from,
                  @Value("${fidelis.surveys.public-url:http://localhost:8080}") String publicUrl) {
        this.sender = sender;
        this.from = from;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    String trackingLink(String token) {
        return publicUrl + "/complain/track/" + token;
    }

    /** What to write: a receipt (with the link), a message, or a proposal. */
    enum Kind { RECEIVED, MESSAGE, PROPOSAL }

    void send(String to, String name, String language, String reference, Kind kind, String text, String token) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null || to == null || to.isBlank()) {
            return;
        }
        Runnable job = () -> {
            try {
                MimeMessage m = mail.createMimeMessage();
                MimeMessageHelper h = new MimeMessageHelper(m, false, "UTF-8");
                h.setFrom(from);
                h.setTo(to);
                boolean zh = language != null && language.startsWith("zh");
                h.setSubject(subject(zh, kind, reference));
                h.setText(body(zh, name, kind, reference, text, token == null ? null : trackingLink(token)), false);
                mail.send(m);
            } catch (Exception e) {
                io.micrometer.core.instrument.Metrics.counter("fidelis.mail.failures", "kind", "complaint").increment();
                log.warn("Complaint {} e-mail to {} not sent: {}", reference, to, e.toString());
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

    static String subject(boolean zh, Kind kind, String reference) {
        return switch (kind) {
            case RECEIVED -> zh ? "我们已收到您的投诉 " + reference : "We have received your complaint " + reference;
            case MESSAGE -> zh ? "关于您的投诉 " + reference : "About your complaint " + reference;
            case PROPOSAL -> zh ? "我们对投诉 " + reference + " 的解决方案" : "What we propose for your complaint " + reference;
        };
    }

    static String body(boolean zh, String name, Kind kind, String reference, String text, String link) {
        StringBuilder b = new StringBuilder();
        String who = name == null || name.isBlank() ? "" : " " + name;
        b.append(zh ? "您好" + who + "：" : "Hello" + who + ",").append("\n\n");
        switch (kind) {
            case RECEIVED -> b.append(zh ? "感谢您告诉我们出了什么问题。我们已收到您的投诉 " + reference + "，会尽快答复您。"
                    : "Thank you for telling us what went wrong. We have received your complaint " + reference
                    + " and will come back to you soon.");
            case MESSAGE -> b.append(text);
            case PROPOSAL -> b.append(zh ? "我们的解决方案：" : "What we propose:").append("\n\n").append(text)
                    .append("\n\n").append(zh ? "请在投诉跟进页面上接受或拒绝。" : "Please accept or decline it on your"
                            + " complaint's page.");
        }
        b.append("\n\n");
        if (link != null) {
            b.append(zh ? "跟进您的投诉（请保存此链接）：" : "Follow your complaint here (keep this link):").append("\n")
                    .append(link).append("\n\n");
        } else {
            b.append(zh ? "您可以通过我们第一封邮件中的链接跟进投诉。" : "You can follow your complaint with the link in our"
                    + " first e-mail.").append("\n\n");
        }
        b.append(zh ? "谢谢！" : "Thank you!").append("\n");
        return b.toString();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
