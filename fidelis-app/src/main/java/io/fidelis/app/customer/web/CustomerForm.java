package io.fidelis.app.customer.web;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The JSON body to create or change a customer. On change, {@code externalId} is taken from the URL. */
record CustomerForm(
        @Size(max = 100) @Pattern(regexp = "[^\\s/?#]+", message = "must be a non-empty id without spaces or / ? #")
        String externalId,
        @Size(max = 200) String name,
        @Email @Size(max = 254) String email,
        @Size(max = 50) String phone,
        @Size(max = 100) String region,
        @Size(max = 100) String segment,
        LocalDate acquiredOn,
        @Size(max = 100) String acquisitionChannel,
        @Size(max = 100) String referredBy,
        @Size(max = 100) String accountManager,
        Boolean marketingConsent,
        @Size(max = 100) String consentSource,
        @Size(max = 64) String timeZone,
        Long version) {
}
