package io.revloop.kpi.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The weights of each model and the split of a revenue into credits, without a database. */
class AttributionModelTest {

    private static final Instant CLOSE = Instant.parse("2026-03-31T12:00:00Z");

    @Test
    void positionBasedGivesFortyTwentyFortyAndAllToOneTouchAndHalvesToTwo() {
        assertThat(credits(AttributionModel.POSITION_BASED, "100.00", 1)).containsExactly("100.00");
        assertThat(credits(AttributionModel.POSITION_BASED, "100.00", 2)).containsExactly("50.00", "50.00");
        // 40 % first, 20 % middle, 40 % last
        assertThat(credits(AttributionModel.POSITION_BASED, "100.00", 3)).containsExactly("40.00", "20.00", "40.00");
        // the middle 20 % over three touches is 6.666… each: 6.66 each plus the two cents left over to the
        // earlier two (equal fractions lost, the earlier touch first) → 6.67, 6.67, 6.66
        assertThat(credits(AttributionModel.POSITION_BASED, "100.00", 5))
                .containsExactly("40.00", "6.67", "6.67", "6.66", "40.00");
    }

    @Test
    void firstLastAndLinear() {
        assertThat(credits(AttributionModel.FIRST_TOUCH, "90.00", 3)).containsExactly("90.00", "0.00", "0.00");
        assertThat(credits(AttributionModel.LAST_TOUCH, "90.00", 3)).containsExactly("0.00", "0.00", "90.00");
        // 100.00 ÷ 3 = 33.333…: 33.33 each and the cent left over to the first → sums to exactly 100.00
        assertThat(credits(AttributionModel.LINEAR, "100.00", 3)).containsExactly("33.34", "33.33", "33.33");
    }

    @Test
    void timeDecayHalvesTheWeightPerHalfLifeBeforeTheClose() {
        // touches 14, 7 and 0 days before the close, half-life 7: weights 2^-2, 2^-1, 2^0 = 1/4, 1/2, 1
        // → normalized 1/7, 2/7, 4/7 of 700.00 = 100.00, 200.00, 400.00
        List<Instant> times = List.of(CLOSE.minus(Duration.ofDays(14)), CLOSE.minus(Duration.ofDays(7)), CLOSE);
        double[] weights = AttributionModel.TIME_DECAY.weights(new AttributionModel.Journey(times, null, null), 7);
        assertThat(weights[0]).isCloseTo(1.0 / 7, within(1e-12));
        assertThat(weights[1]).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(weights[2]).isCloseTo(4.0 / 7, within(1e-12));
        assertThat(strings(RevenueSplit.split(new BigDecimal("700.00"), weights)))
                .containsExactly("100.00", "200.00", "400.00");
        // half a day before the close with half-life 1 day: 2^-0.5 = 0.7071… against 1 for the touch at the close
        double[] halfDay = AttributionModel.TIME_DECAY.weights(new AttributionModel.Journey(
                List.of(CLOSE.minus(Duration.ofHours(12)), CLOSE), null, null), 1);
        assertThat(halfDay[0]).isCloseTo(Math.sqrt(0.5) / (1 + Math.sqrt(0.5)), within(1e-12));
    }

    @Test
    void timeDecayWithATinyHalfLifeStillCreditsTheLatestTouch() {
        // 2^-(365 ÷ 0.01) underflows to 0 for both; counted from the latest touch it keeps weight 1
        List<Instant> times = List.of(CLOSE.minus(Duration.ofDays(730)), CLOSE.minus(Duration.ofDays(365)));
        double[] weights = AttributionModel.TIME_DECAY.weights(new AttributionModel.Journey(times, null, null), 0.01);
        assertThat(weights).containsExactly(0.0, 1.0);
    }

    @Test
    void wShapedGivesThirtyPercentToEachDistinctMilestoneAndTenToTheOthers() {
        // five touches a day apart; the lead was created between touch 2 and 3 (lead-creation touch = touch 2),
        // the deal between touch 4 and 5 (opportunity-creation touch = touch 4):
        // 30 % touch 1, 30 % touch 2, 30 % touch 4, 10 % ÷ 2 = 5 % each for touches 3 and 5; of 1 000.00:
        List<Instant> times = days(5);
        AttributionModel.Journey journey = new AttributionModel.Journey(times,
                times.get(1).plus(Duration.ofHours(1)), times.get(3).plus(Duration.ofHours(1)));
        assertThat(strings(RevenueSplit.split(new BigDecimal("1000.00"),
                AttributionModel.W_SHAPED.weights(journey, 7))))
                .containsExactly("300.00", "300.00", "50.00", "300.00", "50.00");
    }

    @Test
    void wShapedAddsUpMilestonesOnOneTouch() {
        // the lead was created at the first touch (first = lead creation: 30 + 30 = 60 %), the deal at the
        // third (30 %), the second is the only other touch (10 %): 600.00, 100.00, 300.00 of 1 000.00
        List<Instant> times = days(3);
        AttributionModel.Journey journey = new AttributionModel.Journey(times, times.get(0), times.get(2));
        assertThat(strings(RevenueSplit.split(new BigDecimal("1000.00"),
                AttributionModel.W_SHAPED.weights(journey, 7))))
                .containsExactly("600.00", "100.00", "300.00");
    }

    @Test
    void wShapedGivesTheSharesWithoutATouchToTheMilestonesInProportion() {
        // two touches, lead created at the first (60 %), deal at the second (30 %), no other touch for the
        // 10 %: it goes 60 : 30 → 2/3 and 1/3 of 100.00 = 66.67 and 33.33 (66.666… rounds up: larger loss)
        List<Instant> times = days(2);
        AttributionModel.Journey journey = new AttributionModel.Journey(times, times.get(0), times.get(1));
        assertThat(strings(RevenueSplit.split(new BigDecimal("100.00"), AttributionModel.W_SHAPED.weights(journey, 7))))
                .containsExactly("66.67", "33.33");
        // lead created before any touch and no primary lead at all: only first touch (30 %), deal-creation
        // touch (30 %) and one other (10 %) are left → 3/7, 3/7, 1/7 of 70.00 = 30.00, 30.00, 10.00
        List<Instant> three = days(3);
        AttributionModel.Journey noLead = new AttributionModel.Journey(three, null, three.get(1));
        assertThat(strings(RevenueSplit.split(new BigDecimal("70.00"), AttributionModel.W_SHAPED.weights(noLead, 7))))
                .containsExactly("30.00", "30.00", "10.00");
    }

    @Test
    void creditsAlwaysSumToTheRevenue() {
        BigDecimal revenue = new BigDecimal("1234.57");
        for (AttributionModel model : AttributionModel.values()) {
            for (int n = 1; n <= 13; n++) {
                List<Instant> times = days(n);
                double[] weights = model.weights(new AttributionModel.Journey(times, times.get(n / 2), times.get(n - 1)), 3);
                BigDecimal sum = Arrays.stream(RevenueSplit.split(revenue, weights)).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(sum).as(model + " over " + n + " touches").isEqualByComparingTo(revenue);
            }
        }
        // a negative amount (a credit note booked as a won deal) splits the same way, cents toward zero first
        assertThat(strings(RevenueSplit.split(new BigDecimal("-100.00"), new double[] {1, 1, 1})))
                .containsExactly("-33.34", "-33.33", "-33.33");
        // converted revenue with more decimals is first rounded half up to the cent: 100.005 → 100.01
        assertThat(strings(RevenueSplit.split(new BigDecimal("100.0050000000"), new double[] {1})))
                .containsExactly("100.01");
    }

    @Test
    void modelIdsAreLowerCaseAndAnUnknownOneNamesTheValidOnes() {
        assertThat(AttributionModel.of("w_shaped")).isEqualTo(AttributionModel.W_SHAPED);
        assertThat(AttributionModel.POSITION_BASED.id()).isEqualTo("position_based");
        assertThatThrownBy(() -> AttributionModel.of("u_shaped"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown attribution model 'u_shaped'; valid: first_touch, last_touch, linear, "
                        + "position_based, time_decay, w_shaped");
    }

    private static List<String> credits(AttributionModel model, String revenue, int touches) {
        double[] weights = model.weights(new AttributionModel.Journey(days(touches), null, null), 7);
        return strings(RevenueSplit.split(new BigDecimal(revenue), weights));
    }

    private static List<Instant> days(int touches) {
        List<Instant> times = new ArrayList<>();
        for (int i = touches; i > 0; i--) {
            times.add(CLOSE.minus(Duration.ofDays(i)));
        }
        return times;
    }

    private static List<String> strings(BigDecimal[] credits) {
        return Arrays.stream(credits).map(BigDecimal::toPlainString).toList();
    }
}
