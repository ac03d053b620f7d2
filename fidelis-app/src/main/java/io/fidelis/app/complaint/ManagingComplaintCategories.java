package io.fidelis.app.complaint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fidelis.app.audit.AuditableChange;
import io.fidelis.app.security.CurrentStaff;
import io.fidelis.app.shared.BusinessRuleException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The complaint category tree: top-level categories and their sub-categories, each with English and Chinese names
 * and the department that handles it (a sub-category without one goes to its parent's). Categories are never
 * deleted, since complaints keep theirs; a retired one is made inactive, and so are its sub-categories with it.
 * Every change is audited.
 */
@Service
public class ManagingComplaintCategories {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private final ComplaintRepository repository;
    private final CurrentStaff current;
    private final ApplicationEventPublisher events;

    ManagingComplaintCategories(ComplaintRepository repository, CurrentStaff current,
                                ApplicationEventPublisher events) {
        this.repository = repository;
        this.current = current;
        this.events = events;
    }

    /** A category as set: code, parent code, names, own department, whether it is in use. */
    public record CategoryForm(String code, String parent, String nameEn, String nameZh, String department,
                               boolean active) {
    }

    /** A category in the tree: as set, with its depth and its path of names. */
    public record CategoryNode(CategoryForm category, int depth, String pathEn, String pathZh) {
    }

    /** The whole tree, each parent followed by its sub-categories. */
    @Transactional(readOnly = true)
    public List<CategoryNode> tree() {
        List<ComplaintRepository.CategoryRow> rows = repository.allCategories();
        Map<String, List<ComplaintRepository.CategoryRow>> children = new HashMap<>();
        rows.forEach(r -> children.computeIfAbsent(r.parent() == null ? "" : r.parent(), k -> new ArrayList<>())
                .add(r));
        List<CategoryNode> out = new ArrayList<>();
        walk(children, "", 0, "", "", out);
        return out;
    }

    /** Every category's path of names in the reader's language, by code, for display. */
    @Transactional(readOnly = true)
    public Map<String, String> names(java.util.Locale locale) {
        boolean zh = "zh".equals(locale.getLanguage());
        Map<String, String> names = new HashMap<>();
        tree().forEach(n -> names.put(n.category().code(), zh ? n.pathZh() : n.pathEn()));
        return names;
    }

    private static void walk(Map<String, List<ComplaintRepository.CategoryRow>> children, String parent, int depth,
                             String en, String zh, List<CategoryNode> out) {
        for (ComplaintRepository.CategoryRow r : children.getOrDefault(parent, List.of())) {
            String pathEn = en.isEmpty() ? r.nameEn() : en + " › " + r.nameEn();
            String pathZh = zh.isEmpty() ? r.nameZh() : zh + " › " + r.nameZh();
            out.add(new CategoryNode(form(r), depth, pathEn, pathZh));
            walk(children, r.code(), depth + 1, pathEn, pathZh, out);
        }
    }

    private static CategoryForm form(ComplaintRepository.CategoryRow r) {
        return new CategoryForm(r.code(), r.parent(), r.nameEn(), r.nameZh(), r.department(), r.active());
    }

    /** Adds a category. */
    @Transactional
    public void add(CategoryForm form) {
        CategoryForm f = clean(form);
        if (!CODE.matcher(f.code()).matches()) {
            throw new BusinessRuleException("code", "the code must be 2 to 40 capital letters, digits or _,"
                    + " starting with a letter, such as LATE_DELIVERY");
        }
        Map<String, ComplaintRepository.CategoryRow> rows = rows();
        if (rows.containsKey(f.code())) {
            throw new BusinessRuleException("code", "there is already a category " + f.code());
        }
        checkParent(f, rows);
        repository.insertCategory(row(f));
        events.publishEvent(new AuditableChange(current.actor(), "complaint-category", f.code(), "create", null,
                json(f)));
    }

    /** Changes a category's parent, names, department or whether it is in use. */
    @Transactional
    public void change(String code, CategoryForm form) {
        Map<String, ComplaintRepository.CategoryRow> rows = rows();
        ComplaintRepository.CategoryRow old = rows.get(code);
        if (old == null) {
            throw new io.fidelis.app.shared.NotFoundException("no complaint category " + code);
        }
        CategoryForm f = clean(new CategoryForm(code, form.parent(), form.nameEn(), form.nameZh(), form.department(),
                form.active()));
        checkParent(f, rows);
        repository.updateCategory(row(f));
        events.publishEvent(new AuditableChange(current.actor(), "complaint-category", code, "change",
                json(form(old)), json(f)));
    }

    private Map<String, ComplaintRepository.CategoryRow> rows() {
        Map<String, ComplaintRepository.CategoryRow> rows = new HashMap<>();
        repository.allCategories().forEach(r -> rows.put(r.code(), r));
        return rows;
    }

    private static CategoryForm clean(CategoryForm f) {
        String code = f.code() == null ? "" : f.code().strip().toUpperCase(java.util.Locale.ROOT);
        String parent = blankToNull(f.parent());
        String en = blankToNull(f.nameEn());
        String zh = blankToNull(f.nameZh());
        if (en == null || en.length() > 100) {
            throw new BusinessRuleException("nameEn", "the English name is required, at most 100 characters");
        }
        if (zh == null || zh.length() > 100) {
            throw new BusinessRuleException("nameZh", "the Chinese name is required, at most 100 characters");
        }
        String department = blankToNull(f.department());
        if (department != null && department.length() > 100) {
            throw new BusinessRuleException("department", "the department is at most 100 characters");
        }
        return new CategoryForm(code, parent, en, zh, department, f.active());
    }

    /** The parent must exist, and must not be the category itself or one of its sub-categories. */
    private static void checkParent(CategoryForm f, Map<String, ComplaintRepository.CategoryRow> rows) {
        if (f.parent() == null) {
            return;
        }
        if (!rows.containsKey(f.parent())) {
            throw new BusinessRuleException("parent", "there is no category " + f.parent() + " to put it under");
        }
        for (String up = f.parent(); up != null; up = rows.get(up).parent()) {
            if (up.equals(f.code())) {
                throw new BusinessRuleException("parent", "a category cannot be put under itself or one of its"
                        + " sub-categories");
            }
        }
    }

    private static ComplaintRepository.CategoryRow row(CategoryForm f) {
        return new ComplaintRepository.CategoryRow(f.code(), f.parent(), f.nameEn(), f.nameZh(), f.department(),
                f.active());
    }

    private static String json(CategoryForm f) {
        return AuditableChange.json("parent", f.parent(), "nameEn", f.nameEn(), "nameZh", f.nameZh(), "department",
                f.department(), "active", f.active());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
