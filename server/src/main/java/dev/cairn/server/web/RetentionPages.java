package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.server.auth.Principals;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Retention policies: how long archives are kept, entered as a number and a unit. */
final class RetentionPages {
    private final Cairn cairn;
    private final Pages pages;
    private final WebAudit audit;

    RetentionPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.audit = new WebAudit(cairn.access());
    }

    void register(RoutesConfig routes) {
        routes.get("/retention", ctx -> pages.page(ctx, "retention.jte", "Retention policies", "retention",
                Pages.params("policies", cairn.catalog().retention().list(Usage.ANY))));
        routes.get("/retention/new", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_SHARED);
            form(ctx, 200, null, "", "", "7", RetentionUnit.DAYS, RetentionForm.Keep.of(RetentionPolicy.Keep.NONE), null,
                    List.of());
        });
        routes.post("/retention", ctx -> save(ctx, null));
        routes.get("/retention/{uuid}", ctx -> {
            RetentionPolicy p = policy(ctx);
            RetentionUnit unit = RetentionUnit.fitting(p.expires());
            form(ctx, 200, p.uuid(), p.name(), p.summary(), String.valueOf(p.expires() / unit.seconds()), unit,
                    RetentionForm.Keep.of(p.keep()), null, List.of());
        });
        routes.post("/retention/{uuid}", ctx -> save(ctx, policy(ctx)));
        routes.get("/retention/{uuid}/delete", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_SHARED);
            confirmDelete(ctx, policy(ctx), null);
        });
        routes.post("/retention/{uuid}/delete", ctx -> {
            RetentionPolicy p = policy(ctx);
            var principal = Principals.of(ctx);
            audit.require(principal, "retention.delete", Permission.MANAGE_SHARED);
            try {
                audit.run(principal, "retention.delete", () -> new AuditObject("retention", p.uuid(), p.name(), null),
                        () -> cairn.catalog().retention().delete(p.uuid()));
            } catch (CairnException.Conflict e) {
                confirmDelete(ctx, p, e.getMessage());
                return;
            }
            Pages.done(ctx, "/retention", "Retention policy '" + p.name() + "' deleted.");
        });
    }

    private RetentionPolicy policy(Context ctx) {
        return cairn.catalog().retention().get(Pages.uuid(ctx, "retention policy"));
    }

    private void save(Context ctx, RetentionPolicy current) {
        Form form = Form.of(ctx);
        RetentionUnit unit = unit(form.text("unit"));
        RetentionForm.Keep keepText = new RetentionForm.Keep(form.text("keep_daily"), form.text("keep_weekly"),
                form.text("keep_monthly"), form.text("keep_yearly"));
        RetentionPolicy policy;
        var principal = Principals.of(ctx);
        String action = current == null ? "retention.create" : "retention.update";
        audit.require(principal, action, Permission.MANAGE_SHARED);
        try {
            form.require("name", "expires");
            // the record refuses less than an hour, with the seconds in the message, as the API does
            policy = new RetentionPolicy(current == null ? UUID.randomUUID() : current.uuid(), form.text("name"),
                    form.text("summary"), Math.multiplyExact(form.integer("expires"), unit.seconds()), keep(form));
            RetentionPolicy saving = policy;
            audit.run(principal, action, () -> new AuditObject("retention", saving.uuid(), saving.name(), null), () -> {
                if (current == null) {
                    cairn.catalog().retention().insert(saving);
                } else {
                    cairn.catalog().retention().update(saving);
                }
            });
        } catch (CairnException | ArithmeticException e) {
            CairnException failure = e instanceof CairnException c ? c
                    : new CairnException.InvalidInput("expires is too large: " + form.text("expires") + " " + unit.label());
            form(ctx, Statuses.of(failure), current == null ? null : current.uuid(), form.text("name"),
                    form.text("summary"), form.text("expires"), unit, keepText, failure.getMessage(),
                    failure instanceof CairnException.InvalidInput i && !i.missing().isEmpty() ? i.missing() : List.of(invalid(failure)));
            return;
        }
        Pages.done(ctx, "/retention", "Retention policy '" + policy.name() + "' " + (current == null ? "created." : "saved."));
    }

    /** The rules as given; an empty field keeps none by that rule. */
    private static RetentionPolicy.Keep keep(Form form) {
        return new RetentionPolicy.Keep(count(form, "keep_daily"), count(form, "keep_weekly"), count(form, "keep_monthly"),
                count(form, "keep_yearly"));
    }

    private static int count(Form form, String field) {
        if (form.text(field).isEmpty()) {
            return 0;
        }
        long n = form.integer(field);
        if (n < 0 || n > RetentionPolicy.Keep.MAXIMUM) {
            throw new CairnException.InvalidInput(field + " must be between 0 and " + RetentionPolicy.Keep.MAXIMUM + ", got " + n);
        }
        return (int) n;
    }

    /** The field a refusal is about: a keep_* field it names, else the expiry. */
    private static String invalid(Exception failure) {
        String message = String.valueOf(failure.getMessage());
        for (String field : List.of("keep_daily", "keep_weekly", "keep_monthly", "keep_yearly")) {
            if (message.startsWith(field)) {
                return field;
            }
        }
        return "expires";
    }

    private static RetentionUnit unit(String text) {
        return Arrays.stream(RetentionUnit.values()).filter(u -> u.label().equals(text)).findFirst().orElse(RetentionUnit.DAYS);
    }

    private void form(Context ctx, int status, UUID uuid, String name, String summary, String expires, RetentionUnit unit,
                      RetentionForm.Keep keep, String error, List<String> invalid) {
        pages.page(ctx, status, "retention-form.jte", uuid == null ? "New retention policy" : "Retention policy " + name,
                "retention", Pages.params("form", new RetentionForm(uuid, name, summary, expires, unit, keep, error, invalid),
                        "editable", Principals.of(ctx).admin()));
    }

    private void confirmDelete(Context ctx, RetentionPolicy p, String error) {
        pages.page(ctx, error == null ? 200 : 409, "confirm.jte", "Delete retention policy " + p.name(), "retention",
                Pages.params("question", "Delete retention policy '" + p.name() + "'?",
                        "consequence", "A policy that a job still uses cannot be deleted. Archives keep the expiry they were given.",
                        "action", "/retention/" + p.uuid() + "/delete", "button", "Delete policy",
                        "back", "/retention", "error", error));
    }
}
