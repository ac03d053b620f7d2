package io.fidelis.app.customer.web;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fidelis.app.customer.ChangeCustomer;
import io.fidelis.app.customer.CustomerDetails;
import io.fidelis.app.customer.CustomerFilter;
import io.fidelis.app.customer.CustomerManagement;
import io.fidelis.app.customer.CustomerRecord;
import io.fidelis.app.customer.CustomerSlice;
import io.fidelis.app.customer.CustomerViewContribution;
import io.fidelis.app.customer.TimelineEntry;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import io.fidelis.app.staff.StaffMember;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The customers list (filters, keyset pages, CSV export) and the Customer 360 page (profile, edit, purchases,
 * timeline). Every read goes through {@link CustomerManagement}, which applies the caller's scope.
 */
@Controller
class CustomerPages {
    static final int PAGE_SIZE = 50;
    static final int TIMELINE = 50;

    private final CustomerManagement customers;
    private final List<CustomerViewContribution> contributions;
    private final StaffDirectory staff;
    private final CurrentStaff current;

    CustomerPages(CustomerManagement customers, List<CustomerViewContribution> contributions, StaffDirectory staff,
                  CurrentStaff current) {
        this.customers = customers;
        this.contributions = contributions.stream().sorted(Comparator.comparingInt(CustomerViewContribution::order))
                .toList();
        this.staff = staff;
        this.current = current;
    }

    /** The filter as the list's query string carries it. */
    record ListParams(String q, String segment, String region, String manager, String activity, String sort) {
        CustomerFilter.Sort sortOrder() {
            if (sort == null || sort.isBlank()) {
                return CustomerFilter.Sort.EXTERNAL_ID;
            }
            try {
                return CustomerFilter.Sort.valueOf(sort.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("sort", "cannot sort by '" + sort + "'");
            }
        }

        /** The filter these parameters describe, with the configured activity windows. */
        CustomerFilter filter(CustomerManagement customers) {
            return new CustomerFilter(q, segment, region, manager, customers.activity(activityKind()));
        }

        CustomerFilter.Kind activityKind() {
            if (activity == null || activity.isBlank()) {
                return null;
            }
            try {
                return CustomerFilter.Kind.valueOf(activity.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("activity", "unknown activity '" + activity + "'");
            }
        }
    }


    @GetMapping("/customers")
    String list(ListParams params, @RequestParam(required = false) String after,
                @RequestParam(defaultValue = "" + PAGE_SIZE) int size,
                @RequestHeader(name = "HX-Request", required = false) String htmx,
                @RequestHeader(name = "HX-History-Restore-Request", required = false) String restore,
                HttpServletResponse response, Model model) {
        int pageSize = Math.max(10, Math.min(size, 200));
        CustomerSlice slice = customers.browse(params.filter(customers), params.sortOrder(),
                CustomerSlice.Cursor.decode(after), pageSize);
        model.addAttribute("size", pageSize == PAGE_SIZE ? null : pageSize);
        model.addAttribute("params", params);
        model.addAttribute("slice", slice);
        model.addAttribute("first", after == null || after.isBlank());
        model.addAttribute("choices", customers.filterChoices());
        model.addAttribute("managers", managers());
        model.addAttribute("scoped", current.accountManagerScope().isPresent());
        model.addAttribute("mayExport", current.get().map(s -> s.role() != Role.AGENT).orElse(false));
        // The same address answers a whole page or, to htmx, the results alone; caches must keep them apart.
        response.setHeader("Vary", "HX-Request");
        return htmx != null && restore == null ? "customer/list :: results" : "customer/list";
    }

    @GetMapping("/customers.csv")
    void export(ListParams params, HttpServletResponse response) throws IOException {
        CustomerFilter filter = params.filter(customers);
        CustomerCsv.respond(response, sink -> customers.export(filter, sink));
    }

    @GetMapping("/customers/{id}")
    String show(@PathVariable String id, Model model) {
        CustomerRecord c = customers.find(id);
        model.addAttribute("customer", c);
        List<Map<String, Object>> parts = new ArrayList<>();
        List<TimelineEntry> timeline = new ArrayList<>();
        timeline.add(new TimelineEntry(c.createdAt(), "customer", "timeline.registered", List.of(), null));
        for (CustomerViewContribution part : contributions) {
            String[] fragment = part.fragment().split("::");
            parts.add(Map.of("template", fragment[0].strip(), "selector", fragment.length > 1 ? fragment[1].strip()
                    : "panel", "model", part.model(c)));
            timeline.addAll(part.timeline(c, TIMELINE));
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.reverseOrder())));
        model.addAttribute("parts", parts);
        model.addAttribute("timeline", timeline.size() > TIMELINE ? timeline.subList(0, TIMELINE) : timeline);
        model.addAttribute("mayEdit", current.get().map(s -> s.role() != Role.AGENT && s.role() != Role.ANALYST)
                .orElse(false));
        return "customer/show";
    }

    @GetMapping("/customers/{id}/edit")
    String edit(@PathVariable String id, Model model) {
        CustomerRecord c = customers.find(id);
        model.addAttribute("form", CustomerEditForm.of(c));
        return editPage(c, model);
    }

    @PostMapping("/customers/{id}")
    String save(@PathVariable String id, @Valid @ModelAttribute("form") CustomerEditForm form, BindingResult errors,
                Model model, RedirectAttributes redirect, HttpServletResponse response) {
        CustomerRecord c = customers.find(id);
        ZoneId zone = null;
        try {
            zone = form.getTimeZone() == null || form.getTimeZone().isBlank() ? ZoneId.of("UTC")
                    : ZoneId.of(form.getTimeZone());
        } catch (DateTimeException e) {
            errors.rejectValue("timeZone", "customer.timeZone.invalid", "not a time zone");
        }
        if (!errors.hasErrors()) {
            try {
                CustomerDetails details = new CustomerDetails(form.getName(), blankToNull(form.getEmail()),
                        form.getPhone(), form.getRegion(), form.getSegment(), form.getAcquiredOn(),
                        form.getAcquisitionChannel(), zone);
                customers.change(id, new ChangeCustomer(details, blankToNull(form.getReferredBy()),
                        blankToNull(form.getAccountManager()), form.isMarketingConsent(), "web:" + current.actor(),
                        form.getVersion()));
                redirect.addFlashAttribute("saved", true);
                return "redirect:/customers/{id}";
            } catch (BusinessRuleException e) {
                errors.rejectValue(e.field(), "customer.rule", e.getMessage());
            } catch (InvalidInputException e) {
                errors.rejectValue(e.field(), "customer.invalid", e.getMessage());
            } catch (ConflictException e) {
                errors.reject("customer.conflict", e.getMessage());
            }
        }
        response.setStatus(422);
        return editPage(c, model);
    }

    private String editPage(CustomerRecord c, Model model) {
        model.addAttribute("customer", c);
        List<String> managers = new ArrayList<>(managers());
        // The current manager is always offered, whatever their role now, so saving never drops them silently.
        if (c.accountManager() != null && !managers.contains(c.accountManager())) {
            managers.add(0, c.accountManager());
        }
        model.addAttribute("managers", managers);
        model.addAttribute("scoped", current.accountManagerScope().isPresent());
        return "customer/edit";
    }

    private List<String> managers() {
        return staff.list().stream().filter(s -> s.role() == Role.ACCOUNT_MANAGER || s.role() == Role.MANAGER)
                .map(StaffMember::username).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
