package cn.shouwang.server.moralbank.ledger;

import cn.shouwang.server.platform.ExcelExports;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.audit.AuditAction;
import cn.shouwang.server.audit.AuditApi;
import cn.shouwang.server.household.HouseholdApi;
import cn.shouwang.server.moralbank.MoralBankRefusal;
import cn.shouwang.server.moralbank.Places;
import cn.shouwang.server.moralbank.catalogue.Catalogue;
import cn.shouwang.server.moralbank.ranking.Ranking;
import cn.shouwang.server.platform.Paging;
import cn.shouwang.server.platform.XlsxWriter;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 道德银行: the households' points accounts of the area in view, one household's ledger with its forms (points of an
 * item, goods for points, a correction), the household search and the export.
 */
@Controller
class MoralBankController {
    private final ExcelExports exports;
    private final Ledger ledger;
    private final Catalogue catalogue;
    private final Ranking ranking;
    private final Places places;
    private final HouseholdApi households;
    private final MessageSource messages;
    private final AuditApi audit;
    private final Clock clock;

    MoralBankController(Ledger ledger, Catalogue catalogue, Ranking ranking, Places places, HouseholdApi households,
                        MessageSource messages, AuditApi audit, Clock clock, ExcelExports exports) {
        this.exports = exports;
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.ranking = ranking;
        this.places = places;
        this.households = households;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    public record AccountLine(long householdId, String householdNo, String headName, String villageName, long balance,
                              long earned, Ranking.@Nullable Tier tier) {}

    @GetMapping("/moral-bank")
    String list(@RequestParam(required = false) @Nullable String area, @RequestParam(required = false) @Nullable Integer page,
                @RequestParam(required = false) @Nullable Integer size, @RequestParam(required = false) @Nullable String q,
                Model model) {
        AreaScope view = CurrentUsers.areaInView(area);
        int p = Paging.page(page);
        int s = Paging.size(size);
        long total = ledger.accountCount(view);
        model.addAttribute("rows", lines(view, (p - 1) * s, s));
        Paging.toModel(model, p, s, total);
        model.addAttribute("area", area == null ? "" : area).addAttribute("areaName", places.name(view.areaCode()))
                .addAttribute("villages", places.villages(CurrentUsers.viewScope()))
                .addAttribute("q", q == null ? "" : q)
                .addAttribute("picks", q == null || q.isBlank() ? List.of() : households.pick(q.strip(), view, 20))
                .addAttribute("mayWrite", Places.mayWrite(CurrentUsers.require()))
                .addAttribute("tiers", ranking.tiers());
        return "moralbank/accounts";
    }

    private List<AccountLine> lines(AreaScope view, int offset, int limit) {
        List<Ledger.AccountRow> rows = ledger.accounts(view, offset, limit);
        Map<Long, HouseholdApi.Ref> refs = ledger.refs(rows.stream().map(Ledger.AccountRow::householdId).toList(), view);
        Map<String, String> names = places.names(rows.stream().map(Ledger.AccountRow::villageCode).distinct().toList());
        Ranking.Tiers t = ranking.tiers();
        return rows.stream().map(r -> {
            HouseholdApi.Ref h = refs.get(r.householdId());
            return new AccountLine(r.householdId(), h == null ? "" : h.householdNo(), h == null ? "" : h.headName(),
                    names.getOrDefault(r.villageCode(), r.villageCode()), r.balance(), r.earned(), t.of(r.earned()));
        }).toList();
    }

    /** A household found by its number (from the search's pick list): its ledger. */
    @GetMapping("/moral-bank/household")
    String byNumber(@RequestParam String no) {
        HouseholdApi.Ref h = households.refByNo(no.strip(), CurrentUsers.viewScope())
                .orElseThrow(() -> new OutOfScopeException("household"));
        return "redirect:/moral-bank/households/" + h.id();
    }

    @GetMapping("/moral-bank/households/{id}")
    String household(@PathVariable long id, Model model) {
        HouseholdApi.Ref h = ledger.household(id, CurrentUsers.viewScope())
                .orElseThrow(() -> new OutOfScopeException("household"));
        LocalDate today = LocalDate.now(clock);
        Ledger.Balance b = ledger.balance(id);
        model.addAttribute("h", h).addAttribute("villageName", places.name(h.villageCode()))
                .addAttribute("balance", b).addAttribute("tier", ranking.tiers().of(b.earned()))
                .addAttribute("entries", ledger.entries(id))
                .addAttribute("items", catalogue.items(new AreaScope(h.villageCode()), true))
                .addAttribute("goods", catalogue.goods(new AreaScope(h.villageCode()), true))
                .addAttribute("today", today)
                .addAttribute("mayWrite", Places.mayWrite(CurrentUsers.require()));
        return "moralbank/household";
    }

    @PostMapping("/moral-bank/households/{id}/entries")
    String addItem(@PathVariable long id, @Valid @ModelAttribute LedgerCmd.ItemEntry cmd, BindingResult binding,
                   RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(id, binding, ra, () -> ledger.addItem(id, cmd, u), "moralbank.done.entry");
    }

    @PostMapping("/moral-bank/households/{id}/redemptions")
    String redeem(@PathVariable long id, @Valid @ModelAttribute LedgerCmd.Redemption cmd, BindingResult binding,
                  RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(id, binding, ra, () -> ledger.redeem(id, cmd, u), "moralbank.done.redemption");
    }

    @PostMapping("/moral-bank/entries/{entryId}/reverse")
    String reverse(@PathVariable long entryId, @RequestParam long household,
                   @Valid @ModelAttribute LedgerCmd.Reversal cmd, BindingResult binding, RedirectAttributes ra) {
        CurrentUser u = CurrentUsers.require();
        Places.requireWriter(u);
        return run(household, binding, ra, () -> ledger.reverse(entryId, cmd, u), "moralbank.done.reversal");
    }

    private String run(long householdId, BindingResult binding, RedirectAttributes ra, Runnable change, String done) {
        Locale l = LocaleContextHolder.getLocale();
        if (binding.hasErrors()) {
            ra.addFlashAttribute("error", binding.getAllErrors().stream()
                    .map(e -> messages.getMessage(e, l)).distinct().toList());
        } else {
            try {
                change.run();
                ra.addFlashAttribute("done", messages.getMessage(done, null, l));
            } catch (MoralBankRefusal r) {
                ra.addFlashAttribute("error", List.of(messages.getMessage(r.messageKey(), r.args(), l)));
            }
        }
        return "redirect:/moral-bank/households/" + householdId;
    }

    /** 导出Excel: the accounts of the area in view (or of {@code area} inside it), as the list shows them. */
    @GetMapping("/moral-bank/export")
    void export(@RequestParam(required = false) @Nullable String area, HttpServletResponse response) throws IOException {
        AreaScope view = CurrentUsers.areaInView(area);
        Locale l = LocaleContextHolder.getLocale();
        String title = messages.getMessage("moralbank.accounts.title", null, l);
        ExcelExports.Heading h = exports.heading(places.path(view.areaCode()), title, LocalDate.now(clock));
        List<String> headers = List.of("moralbank.col.village", "moralbank.col.householdNo", "moralbank.col.head",
                "moralbank.col.earned", "moralbank.col.balance", "moralbank.col.tier").stream()
                .map(k -> messages.getMessage(k, null, l)).toList();
        int n = 0;
        try (XlsxWriter x = exports.open(response, h, headers)) {
            for (int off = 0; ; off += 500) {
                List<AccountLine> page = lines(view, off, 500);
                for (AccountLine a : page) {
                    x.row(a.villageName(), a.householdNo(), a.headName(), a.earned(), a.balance(),
                            a.tier() == null ? "" : messages.getMessage("moralbank.tier." + a.tier(), null, l));
                }
                n += page.size();
                if (page.size() < 500) break;
            }
            x.writeTo(response.getOutputStream());
        }
        audit.record(AuditAction.EXPORT, null, null, view.areaCode(), List.of(), "moral-bank accounts " + n + " rows");
    }
}
