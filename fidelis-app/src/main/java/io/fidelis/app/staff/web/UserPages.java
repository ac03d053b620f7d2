package io.fidelis.app.staff.web;

import java.util.Locale;

import io.fidelis.app.shared.BusinessRuleException;
import io.fidelis.app.shared.ConflictException;
import io.fidelis.app.shared.InvalidInputException;
import io.fidelis.app.shared.NotFoundException;
import io.fidelis.app.staff.Role;
import io.fidelis.app.staff.StaffDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administrators manage staff users: create them, set their role, enable or disable them, set a password. */
@Controller
class UserPages {
    private static final java.util.regex.Pattern USERNAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{2,100}");
    private final StaffDirectory staff;

    UserPages(StaffDirectory staff) {
        this.staff = staff;
    }

    @GetMapping("/settings/users")
    String users(Model model) {
        model.addAttribute("accounts", staff.accounts());
        model.addAttribute("roles", Role.values());
        return "settings/users";
    }

    @PostMapping("/settings/users")
    String create(@RequestParam String username, @RequestParam(required = false) String displayName,
                  @RequestParam String role, @RequestParam String password, RedirectAttributes redirect) {
        try {
            if (!USERNAME.matcher(username.strip()).matches()) {
                throw new InvalidInputException("username", "2 to 100 letters, digits or . _ @ -");
            }
            if (password.length() < 12) {
                throw new InvalidInputException("password", "must have at least 12 characters");
            }
            staff.create(username.strip(), displayName, role(role), password);
            redirect.addFlashAttribute("message", "users.created");
            redirect.addFlashAttribute("messageArg", username.strip());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/users";
    }

    @PostMapping("/settings/users/{username}")
    String change(@PathVariable String username, @RequestParam String role,
                  @RequestParam(defaultValue = "false") boolean enabled,
                  @RequestParam(required = false) String email, @RequestParam(required = false) String team,
                  RedirectAttributes redirect) {
        try {
            if (email != null || team != null) {
                staff.changeContact(username, email, team); // checked first: a bad address changes nothing
            }
            staff.changeAccess(username, role(role), enabled);
            redirect.addFlashAttribute("message", "users.changed");
            redirect.addFlashAttribute("messageArg", username);
        } catch (BusinessRuleException | NotFoundException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/users";
    }

    @PostMapping("/settings/users/{username}/password")
    String password(@PathVariable String username, @RequestParam String password, RedirectAttributes redirect) {
        try {
            staff.setPassword(username, password);
            redirect.addFlashAttribute("message", "users.passwordSet");
            redirect.addFlashAttribute("messageArg", username);
        } catch (InvalidInputException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/settings/users";
    }

    private static Role role(String name) {
        try {
            return Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("role", "unknown role '" + name + "'");
        }
    }
}
