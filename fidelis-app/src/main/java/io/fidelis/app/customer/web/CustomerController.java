package io.fidelis.app.customer.web;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

import io.fidelis.app.customer.ChangeCustomer;
import io.fidelis.app.customer.CustomerDetails;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerPage;
import io.fidelis.app.customer.CustomerQuery;
import io.fidelis.app.customer.RegisterCustomer;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Customers", description = "The customer database. Ids in URLs are the customers' external ids.")
class CustomerController {
    private final CustomerManagement customers;

    CustomerController(CustomerManagement customers) {
        this.customers = customers;
    }

    record PageView(List<CustomerView> items, int page, int size, long total) {
    }

    @GetMapping("/customers")
    @Operation(summary = "Search customers", description = "Filters combine; q matches name, e-mail or id. "
            + "sort: externalId, name, email, region, segment, acquiredOn or createdAt, with ,desc for descending.")
    PageView search(@RequestParam(required = false) String q, @RequestParam(required = false) String email,
                    @RequestParam(required = false) String segment, @RequestParam(required = false) String region,
                    @RequestParam(required = false) String manager, @RequestParam(required = false) String sort,
                    @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        CustomerPage result = customers.search(new CustomerQuery(q, email, segment, region, manager, sort, page,
                size));
        return new PageView(result.items().stream().map(CustomerView::of).toList(), result.page(), result.size(),
                result.total());
    }

    @GetMapping("/customers/{id}")
    @Operation(summary = "Read one customer")
    CustomerView read(@PathVariable String id) {
        return CustomerView.of(customers.find(id));
    }

    @PostMapping("/customers")
    @Operation(summary = "Create a customer")
    ResponseEntity<CustomerView> create(@Valid @RequestBody CustomerForm form) {
        if (form.externalId() == null || form.externalId().isBlank()) {
            throw new InvalidInputException("externalId", "is required");
        }
        CustomerView created = CustomerView.of(customers.register(new RegisterCustomer(form.externalId(),
                details(form), form.referredBy(), form.accountManager(), Boolean.TRUE.equals(form.marketingConsent()),
                form.consentSource())));
        return ResponseEntity.created(UriComponentsBuilder.fromPath("/api/v1/customers/{id}")
                .buildAndExpand(created.id()).encode().toUri()).body(created);
    }

    @PutMapping("/customers/{id}")
    @Operation(summary = "Change a customer", description = "Replaces the customer's fields. Send the version you "
            + "read to be protected from overwriting someone else's change (409 if it moved on).")
    CustomerView change(@PathVariable String id, @Valid @RequestBody CustomerForm form) {
        if (form.externalId() != null && !form.externalId().equals(id)) {
            throw new BusinessRuleException("externalId", "cannot be changed (the URL names '" + id + "')");
        }
        return CustomerView.of(customers.change(id, new ChangeCustomer(details(form), form.referredBy(),
                form.accountManager(), Boolean.TRUE.equals(form.marketingConsent()), form.consentSource(),
                form.version())));
    }

    @GetMapping(value = "/customers.csv", produces = "text/csv")
    @Operation(summary = "Export customers as CSV", description = "Every customer matching the filters (within the "
            + "caller's scope), with the native import headers. activity: active, lapsing, lost or never.")
    void export(@RequestParam(required = false) String q, @RequestParam(required = false) String segment,
                @RequestParam(required = false) String region, @RequestParam(required = false) String manager,
                @RequestParam(required = false) String activity, jakarta.servlet.http.HttpServletResponse response)
            throws java.io.IOException {
        io.fidelis.app.customer.CustomerFilter filter = new CustomerPages.ListParams(q, segment, region, manager,
                activity, null).filter(customers);
        CustomerCsv.respond(response, sink -> customers.export(filter, sink));
    }

    private static CustomerDetails details(CustomerForm f) {
        ZoneId zone;
        try {
            zone = f.timeZone() == null || f.timeZone().isBlank() ? ZoneId.of("UTC") : ZoneId.of(f.timeZone());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "not a time zone (expected an IANA id such as "
                    + "Asia/Shanghai): '" + f.timeZone() + "'");
        }
        return new CustomerDetails(f.name(), f.email(), f.phone(), f.region(), f.segment(), f.acquiredOn(),
                f.acquisitionChannel(), zone);
    }
}
