package cn.shouwang.server.casework.identification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import cn.shouwang.server.ServerTest;
import cn.shouwang.server.access.AccountPrincipal;
import cn.shouwang.server.access.AreaScope;
import cn.shouwang.server.access.CurrentUser;
import cn.shouwang.server.access.Role;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The village's QR poster: the code decodes (with the same library) to the village's self-report address, the page
 * names the village and its phones, and another village's poster is not to be had.
 */
class SelfReportPosterWebTest extends ServerTest {
    static final String VILLAGE = "220322103205"; // 团山子村, 孤家子镇
    static final String SIBLING = "220322103206";

    static RequestPostProcessor monitor(String village) {
        return user(new AccountPrincipal(new CurrentUser(1L, "poster-monitor", "村监测员", Role.VILLAGE_MONITOR,
                new AreaScope(village)), "{noop}x", false, true));
    }

    static String decode(byte[] png) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)))).getText();
    }

    @Test
    void theCodeDecodesToTheVillagesSelfReportAddress() throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/leads/poster/qr.png").param("village", VILLAGE)
                .with(monitor(VILLAGE))).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo("image/png");
        assertThat(decode(r.getContentAsByteArray())).isEqualTo("http://localhost/report/" + VILLAGE);
        // and the address answers: the public self-report form of that village
        assertThat(mvc.perform(get("/report/" + VILLAGE).locale(Locale.SIMPLIFIED_CHINESE)).andReturn().getResponse()
                .getContentAsString()).contains("团山子村");
    }

    @Test
    void thePosterNamesTheVillageTheAddressAndThePhones() throws Exception {
        String page = mvc.perform(get("/leads/poster").param("village", VILLAGE).locale(Locale.SIMPLIFIED_CHINESE)
                .with(monitor(VILLAGE))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("梨树县孤家子镇团山子村", "家里遇到困难,扫码申报", "http://localhost/report/" + VILLAGE,
                "村委会电话", "孤家子镇电话", "data-print", "/leads/poster/qr.png?village=" + VILLAGE);
        // the leads page of the village offers it
        assertThat(mvc.perform(get("/leads").locale(Locale.SIMPLIFIED_CHINESE).with(monitor(VILLAGE))).andReturn()
                .getResponse().getContentAsString()).contains("打印本村申报二维码海报");
    }

    @Test
    void anotherVillagesPosterIsNotFound() throws Exception {
        assertThat(mvc.perform(get("/leads/poster").param("village", SIBLING).with(monitor(VILLAGE))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/leads/poster/qr.png").param("village", SIBLING).with(monitor(VILLAGE)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/leads/poster").param("village", "not-a-code").with(monitor(VILLAGE)))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
    }
}
