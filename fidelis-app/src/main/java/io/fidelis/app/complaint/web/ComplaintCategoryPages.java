package io.fidelis.app.complaint.web;

import io.fidelis.app.complaint.ManagingComplaintCategories;
import io.fidelis.app.shared.BusinessRuleException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The complaint category tree, for admins and managers: add a category or sub-category, rename, move, retire. */
@Controller
class ComplaintCategoryPages {
    private final ManagingComplaintCategories categories;

    ComplaintCategoryPages(ManagingComplaintCategories categories) {
        this.categories = categories;
    }

    @GetMapping("/complaints/categories")
    String list(Model model) {
        model.addAttribute("tree", categories.tree());
        return "complaint/categories";
    }

    @PostMapping("/complaints/categories")
    String add(@RequestParam String code, @RequestParam(required = false) String parent,
               @RequestParam String nameEn, @RequestParam String nameZh,
               @RequestParam(required = false) String department, RedirectAttributes redirect) {
        try {
            categories.add(new ManagingComplaintCategories.CategoryForm(code, parent, nameEn, nameZh, department,
                    true));
            redirect.addFlashAttribute("message", "categories.added");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/complaints/categories";
    }

    @PostMapping("/complaints/categories/{code}")
    String change(@PathVariable String code, @RequestParam(required = false) String parent,
                  @RequestParam String nameEn, @RequestParam String nameZh,
                  @RequestParam(required = false) String department,
                  @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        try {
            categories.change(code, new ManagingComplaintCategories.CategoryForm(code, parent, nameEn, nameZh,
                    department, active));
            redirect.addFlashAttribute("message", "categories.changed");
        } catch (BusinessRuleException e) {
            redirect.addFlashAttribute("error", code + ": " + e.getMessage());
        }
        return "redirect:/complaints/categories";
    }
}
