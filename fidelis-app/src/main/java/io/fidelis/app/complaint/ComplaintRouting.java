package io.fidelis.app.complaint;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffAccount;
import io.fidelis.app.staff.StaffDirectory;
import org.springframework.stereotype.Component;

/**
 * Where a complaint goes: its category's department, or, when the category rotates (seed 002: "rotate the department
 * that handles complaints, so every unit learns what customers feel"), the department whose turn it is; within the
 * department (the staff whose team it is, agents and managers), round-robin or the least loaded.
 */
@Component
class ComplaintRouting {
    private final ComplaintSettings settings;
    private final StaffDirectory staff;
    private final ComplaintRepository repository;

    ComplaintRouting(ComplaintSettings settings, StaffDirectory staff, ComplaintRepository repository) {
        this.settings = settings;
        this.staff = staff;
        this.repository = repository;
    }

    /** The department that handles a category at a time: its turn in the rotation, else the category's own. */
    String department(String category, String categoryDepartment, Instant at) {
        List<String> turns = settings.rotation().get(category);
        if (turns == null || turns.isEmpty()) {
            return categoryDepartment;
        }
        YearMonth month = YearMonth.from(at.atOffset(ZoneOffset.UTC));
        long index = (month.getYear() * 12L + month.getMonthValue() - 1) / Math.max(1, settings.rotationMonths());
        return turns.get((int) (index % turns.size()));
    }

    /** Who in the department takes the complaint, if anyone is in it. */
    Optional<StaffAccount> assignee(String department) {
        if (department == null) {
            return Optional.empty();
        }
        List<StaffAccount> members = staff.accounts().stream()
                .filter(a -> a.enabled() && a.team() != null
                        && a.team().strip().toLowerCase(Locale.ROOT).equals(department.strip().toLowerCase(Locale.ROOT))
                        && (a.member().role() == Role.AGENT || a.member().role() == Role.MANAGER))
                .sorted(Comparator.comparing(StaffAccount::username)).toList();
        if (members.isEmpty()) {
            return Optional.empty();
        }
        if (settings.assignment().equals("round-robin")) {
            Optional<Long> last = repository.lastAssignee(department);
            int at = last.map(id -> indexOf(members, id)).orElse(-1);
            return Optional.of(members.get((at + 1) % members.size()));
        }
        Map<Long, Long> load = repository.openByAssignee();
        return members.stream().min(Comparator.comparingLong((StaffAccount a) -> load.getOrDefault(a.member().id(),
                0L)).thenComparing(StaffAccount::username));
    }

    private static int indexOf(List<StaffAccount> members, long id) {
        for (int i = 0; i < members.size(); i++) {
            if (members.get(i).member().id() == id) {
                return i;
            }
        }
        return -1;
    }
}
