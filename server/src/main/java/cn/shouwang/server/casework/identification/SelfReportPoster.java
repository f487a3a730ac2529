package cn.shouwang.server.casework.identification;

import cn.shouwang.core.area.AreaLevel;
import cn.shouwang.server.area.AreaInfo;
import cn.shouwang.server.access.CurrentUsers;
import cn.shouwang.server.access.OutOfScopeException;
import cn.shouwang.server.area.AreaApi;
import cn.shouwang.server.casework.CaseworkService;
import cn.shouwang.server.casework.admin.AreaContacts;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The village's poster for the notice board (issue 13 point 6): A4, the village's name, a QR code of its self-report
 * page (/report/{village}) and the office phones of the village and the township. The address in the code is the
 * server's public address ({@code shouwang.public-url}, the one the households' phones reach) or, when none is set,
 * the address this page was asked at.
 */
@Controller
class SelfReportPoster {
    private final AreaApi areas;
    private final AreaContacts contacts;
    private final @Nullable String publicUrl;

    SelfReportPoster(AreaApi areas, AreaContacts contacts,
                     @Value("${shouwang.public-url:}") @Nullable String publicUrl) {
        this.areas = areas;
        this.contacts = contacts;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
    }

    /** A village inside the user's area, else 404 (as for any record outside it). */
    private AreaInfo village(String code) {
        if (!CaseworkService.isVillage(code) || !CurrentUsers.require().scope().covers(code)) {
            throw new OutOfScopeException("village not in scope");
        }
        return areas.find(code).orElseThrow(() -> new OutOfScopeException("no such village"));
    }

    /** The self-report page's full address for the village. */
    String reportUrl(String village) {
        String base = publicUrl != null ? publicUrl : ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        return base + "/report/" + village;
    }

    @GetMapping("/leads/poster")
    String poster(@RequestParam String village, Model model) {
        AreaInfo v = village(village);
        String township = village.substring(0, 9) + "000";
        List<AreaInfo> path = areas.currentEdition().map(e -> areas.path(e.id(), village)).orElse(List.of(v));
        model.addAttribute("village", v);
        model.addAttribute("placeName", String.join("", path.stream().filter(a -> a.level().compareTo(AreaLevel.COUNTY) >= 0)
                .map(AreaInfo::name).toList()));
        model.addAttribute("townshipName", areas.find(township).map(AreaInfo::name).orElse(""));
        model.addAttribute("villagePhone", contacts.phone(village));
        model.addAttribute("townshipPhone", contacts.phone(township));
        model.addAttribute("reportUrl", reportUrl(village));
        model.addAttribute("backTo", "/leads");
        return "casework/poster";
    }

    @GetMapping(value = "/leads/poster/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    ResponseEntity<byte[]> qr(@RequestParam String village) {
        village(village);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).contentType(MediaType.IMAGE_PNG)
                .body(QrCodes.png(reportUrl(village), 12));
    }
}
