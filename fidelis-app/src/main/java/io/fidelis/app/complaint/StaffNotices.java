package io.fidelis.app.complaint;

import java.util.List;

import io.fidelis.app.staff.StaffAccount;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Plain-text e-mails to staff (SLA warnings, escalations, spike alerts), when a mail server is configured. */
@Component
class StaffNotices {
    private static final Logger log = LoggerFactory.getLogger(StaffNotices.class);
    private final ObjectProvider<JavaMailSender> mail;
    private final String from;

    StaffNotices(ObjectProvider<JavaMailSender> mail,
                 @Value("${fidelis.surveys.mail-from:Fidelis <surveys@localhost>}") String from) {
        this.mail = mail;
        this.from = from;
    }

    /** Sends to each of them with an e-mail address; a failure is logged, not thrown. The number sent. */
    int send(List<StaffAccount> to, String subject, String text) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            return 0;
        }
        int sent = 0;
        for (StaffAccount a : to) {
            if (a.email() == null || a.email().isBlank()) {
                continue;
            }
            try {
                MimeMessage m = sender.createMimeMessage();
                MimeMessageHelper h = new MimeMessageHelper(m, false, "UTF-8");
                h.setFrom(from);
                h.setTo(a.email());
                h.setSubject(subject);
                h.setText(text, false);
                sender.send(m);
                sent++;
            } catch (Exception e) {
                io.micrometer.core.instrument.Metrics.counter("fidelis.mail.failures", "kind", "staff").increment();
                log.warn("Notice to {} not sent: {}", a.email(), e.toString());
            }
        }
        return sent;
    }
}
