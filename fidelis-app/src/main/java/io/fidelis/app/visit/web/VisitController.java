package io.fidelis.app.visit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.fidelis.app.visit.Contact;
import io.fidelis.app.visit.ContactKind;
import io.fidelis.app.visit.LoggingContacts;
import io.fidelis.app.visit.MyDay;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Contacts and the caller's day in the API. */
@RestController
@RequestMapping("/api/v1")
class VisitController {
    private final LoggingContacts contacts;
    private final MyDay day;

    VisitController(LoggingContacts contacts, MyDay day) {
        this.contacts = contacts;
        this.day = day;
    }

    /** A contact to log; {@code at} defaults to now. */
    record ContactBody(ContactKind kind, Instant at, String notes, String needs, String opinions,
                       Boolean raiseComplaint, String complaintCategory, String followUp, LocalDate followUpDue) {
    }

    @PostMapping("/customers/{id}/contacts")
    @ResponseStatus(HttpStatus.CREATED)
    LoggingContacts.Logged log(@PathVariable String id, @RequestBody ContactBody b) {
        return contacts.log(id, new LoggingContacts.LogContact(b.kind(), b.at(), b.notes(), b.needs(), b.opinions(),
                Boolean.TRUE.equals(b.raiseComplaint()), b.complaintCategory(), b.followUp(), b.followUpDue()));
    }

    @GetMapping("/customers/{id}/contacts")
    List<Contact> list(@PathVariable String id) {
        return contacts.contactsOf(id, 100);
    }

    @GetMapping("/my-day")
    MyDay.Day myDay() {
        return day.today();
    }
}
