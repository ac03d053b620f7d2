package io.fidelis.app.customer.web;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

/**
 * The Customer 360 edit form: its own type, since the aggregate is never bound to a form. A JavaBean, so that
 * Thymeleaf's field binding can show entered values and errors again.
 */
public class CustomerEditForm {
    @Size(max = 200) private String name;
    @Email @Size(max = 254) private String email;
    @Size(max = 50) private String phone;
    @Size(max = 100) private String region;
    @Size(max = 100) private String segment;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) private LocalDate acquiredOn;
    @Size(max = 100) private String acquisitionChannel;
    @Size(max = 100) private String referredBy;
    @Size(max = 100) private String accountManager;
    private boolean marketingConsent;
    @Size(max = 64) private String timeZone;
    private long version;

    CustomerEditForm() {
    }

    static CustomerEditForm of(io.fidelis.app.customer.CustomerRecord c) {
        CustomerEditForm f = new CustomerEditForm();
        f.name = c.name();
        f.email = c.email();
        f.phone = c.phone();
        f.region = c.region();
        f.segment = c.segment();
        f.acquiredOn = c.acquiredOn();
        f.acquisitionChannel = c.acquisitionChannel();
        f.referredBy = c.referredBy();
        f.accountManager = c.accountManager();
        f.marketingConsent = c.marketingConsent();
        f.timeZone = c.timeZone();
        f.version = c.version();
        return f;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getSegment() {
        return segment;
    }

    public void setSegment(String segment) {
        this.segment = segment;
    }

    public LocalDate getAcquiredOn() {
        return acquiredOn;
    }

    public void setAcquiredOn(LocalDate acquiredOn) {
        this.acquiredOn = acquiredOn;
    }

    public String getAcquisitionChannel() {
        return acquisitionChannel;
    }

    public void setAcquisitionChannel(String acquisitionChannel) {
        this.acquisitionChannel = acquisitionChannel;
    }

    public String getReferredBy() {
        return referredBy;
    }

    public void setReferredBy(String referredBy) {
        this.referredBy = referredBy;
    }

    public String getAccountManager() {
        return accountManager;
    }

    public void setAccountManager(String accountManager) {
        this.accountManager = accountManager;
    }

    public boolean isMarketingConsent() {
        return marketingConsent;
    }

    public void setMarketingConsent(boolean marketingConsent) {
        this.marketingConsent = marketingConsent;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public long getVersion() {
        return version;
    }

    public void setVersion(long version) {
        this.version = version;
    }

}
