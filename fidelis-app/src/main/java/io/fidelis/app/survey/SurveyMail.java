package io.fidelis.app.survey;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends invitation e-mails through the configured SMTP server ({@code spring.mail.host} and friends), one at a time
 * in a background thread so inviting a few thousand customers does not hold the page. Without a mail server the
 * invitations still exist and their links are shown to the staff member who created them.
 */
@Component
class SurveyMail {
    private static final Logger log = LoggerFactory.getLogger(SurveyMail.class);
    private final ObjectProvider<JavaMailSender> sender;
    private final SurveySettings settings;
    private final SurveyRepository repository;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fidelis-survey-mail");
        t.setDaemon(true);
        return t;
    });
    private final Clock clock = Clock.systemUTC();

    SurveyMail(ObjectProvider<JavaMailSender> sender, SurveySettings settings, SurveyRepository repository) {
        this.sender = sender;
        this.settings = settings;
        this.repository = repository;
    }

    /** One invitation to send: its id, address, greeting name, language, link and expiry. */
    record Letter(long invitationId, String to, String name, String language, String title, String intro,
                  String link, Instant expires) {
    }

    boolean configured() {
        return sender.getIfAvailable() != null;
    }

    /** Queues the letters; each is marked sent when the server took it. */
    void send(List<Letter> letters) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null || letters.isEmpty()) {
            return;
        }
        worker.submit(() -> {
            for (Letter letter : letters) {
                try {
                    MimeMessage message = mail.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
                    helper.setFrom(settings.mailFrom());
                    helper.setTo(letter.to());
                    helper.setSubject(letter.title());
                    helper.setText(body(letter), false);
                    mail.send(message);
                    repository.markSent(letter.invitationId(), Instant.now(clock));
                } catch (Exception e) {
                    io.micrometer.core.instrument.Metrics.counter("fidelis.mail.failures", "kind", "survey").increment();
                    log.warn("Survey invitation {} to {} not sent: {}", letter.invitationId(), letter.to(),
                            e.toString());
                }
            }
        });
    }

    static String body(Letter l) {
        String until = DateTimeFormatter.ISO_LOCAL_DATE.format(l.expires().atOffset(ZoneOffset.UTC));
        boolean zh = SurveyLanguage.isChinese(l.language());
        String name = l.name() == null || l.name().isBlank() ? "" : " " + l.name();
        StringBuilder b = new StringBuilder();
        b.append(zh ? "您好" + name + "：" : "Hello" + name + ",").append("\n\n");
        if (l.intro() != null) {
            b.append(l.intro()).append("\n\n");
        }
        b.append(zh ? "请点击以下链接回答（只需几分钟）：" : "Please answer here (it takes a few minutes):").append("\n")
                .append(l.link()).append("\n\n");
        b.append(zh ? "此链接只能使用一次，有效期至 " + until + "。" : "The link works once, until " + until + ".")
                .append("\n\n");
        b.append(zh ? "谢谢！" : "Thank you!").append("\n");
        return b.toString();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}
