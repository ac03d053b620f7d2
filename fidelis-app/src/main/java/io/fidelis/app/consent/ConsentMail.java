package io.fidelis.app.consent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** The double opt-in e-mail, in the customer's language, through the configured SMTP server. */
@Component
class ConsentMail {
    private static final Logger log = LoggerFactory.getLogger(ConsentMail.class);
    private final ObjectProvider<JavaMailSender> sender;
    private final String from;

    ConsentMail(ObjectProvider<JavaMailSender> sender,
                @Value("${fidelis.surveys.mail-from:Fidelis <surveys@localhost>}") String from) {
        this.sender = sender;
        this.from = from;
    }

    /** Sends the request; false without a mail server or when the server refused it (the link is shown instead). */
    boolean send(String to, String name, String language, String link, Instant expires) {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            return false;
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(to);
            boolean zh = "zh".equals(language);
            helper.setSubject(zh ? "请确认您愿意接收我们的邮件" : "Please confirm you would like our e-mails");
            String until = DateTimeFormatter.ISO_LOCAL_DATE.format(expires.atOffset(ZoneOffset.UTC));
            String greeting = name == null || name.isBlank() ? (zh ? "您好" : "Hello") : (zh ? name + "，您好" : "Dear "
                    + name);
            helper.setText(zh
                    ? greeting + "：\n\n请打开以下链接并点击确认，以同意接收我们的营销邮件（" + until + " 前有效）：\n"
                    + link + "\n\n如果您没有提出此请求，请忽略本邮件，我们不会再发送。\n"
                    : greeting + ",\n\nplease open this link and press the button to agree to our marketing e-mails"
                    + " (valid until " + until + "):\n" + link + "\n\nIf you did not ask for this, ignore this e-mail;"
                    + " nothing will be sent to you.\n", false);
            mail.send(message);
            return true;
        } catch (Exception e) {
            io.micrometer.core.instrument.Metrics.counter("fidelis.mail.failures", "kind", "consent").increment();
            log.warn("Consent confirmation to {} not sent: {}", to, e.toString());
            return false;
        }
    }
}
