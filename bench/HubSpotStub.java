import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A local stand-in for HubSpot's CRM v3 list endpoints, for bench/hubspot.sh: generates companies,
 * contacts and deals (deterministic, shaped like the real API: string properties, paging.next.after,
 * associations), so the benchmark measures the hub, not the network. Every page of PAGE records is
 * rendered before the stub reports ready (and again on POST /bench/next), so serving one costs the
 * stub almost nothing while the hub runs; other page sizes are rendered on request.
 *
 *   java bench/HubSpotStub.java <port> <companies> <contacts> <deals>
 */
public class HubSpotStub {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");
    private static final String[] SOURCES = {"ORGANIC_SEARCH", "PAID_SEARCH", "PAID_SOCIAL", "EMAIL_MARKETING",
            "REFERRALS", "DIRECT_TRAFFIC", "OFFLINE"};
    private static final String[] STAGES = {"appointmentscheduled", "qualifiedtobuy", "presentationscheduled",
            "closedwon", "closedlost"};

    private static int companies;
    private static int contacts;
    private static int deals;
    /** The hub's page size (HubSpot's list maximum): these pages are rendered ahead. */
    private static final int PAGE = 100;
    private static final String[] TYPES = {"companies", "contacts", "deals"};

    /** Bumped by POST /bench/next: every id moves on, so the next full load is all new records. */
    private static volatile int generation;
    /** "type/after" → the page of PAGE records from there, for the current generation. */
    private static volatile Map<String, byte[]> pages = Map.of();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        companies = Integer.parseInt(args[1]);
        contacts = Integer.parseInt(args[2]);
        deals = Integer.parseInt(args[3]);
        renderPages();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", HubSpotStub::handle);
        server.start();
        System.out.println("HubSpot stub on 127.0.0.1:" + port + " with " + companies + " companies, " + contacts
                + " contacts, " + deals + " deals");
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        exchange.getRequestBody().readAllBytes();
        String body;
        byte[] rendered = null;
        if (path.equals("/bench/next")) {
            generation++;
            renderPages();
            body = "{\"generation\":" + generation + "}";
        } else if (path.equals("/crm/v3/owners")) {
            body = "false".equals(query.get("archived")) ? """
                    {"results":[{"id":"101","email":"ada@bench.example","firstName":"Ada","lastName":"Lovelace","archived":false},
                    {"id":"102","email":"alan@bench.example","firstName":"Alan","lastName":"Turing","archived":false}]}"""
                    : "{\"results\":[]}";
        } else if (path.equals("/crm/v3/pipelines/deals")) {
            body = """
                    {"results":[{"id":"default","label":"Sales Pipeline","stages":[
                    {"id":"appointmentscheduled","label":"Appointment Scheduled","metadata":{"isClosed":"false","probability":"0.2"}},
                    {"id":"qualifiedtobuy","label":"Qualified To Buy","metadata":{"isClosed":"false","probability":"0.4"}},
                    {"id":"presentationscheduled","label":"Presentation Scheduled","metadata":{"isClosed":"false","probability":"0.6"}},
                    {"id":"closedwon","label":"Closed Won","metadata":{"isClosed":"true","probability":"1.0"}},
                    {"id":"closedlost","label":"Closed Lost","metadata":{"isClosed":"true","probability":"0.0"}}]}]}""";
        } else if (path.startsWith("/crm/v3/objects/") && !path.endsWith("/search")
                && "false".equals(query.get("archived"))) {
            String type = path.substring("/crm/v3/objects/".length());
            int total = switch (type) {
                case "companies" -> companies;
                case "contacts" -> contacts;
                case "deals" -> deals;
                default -> 0;
            };
            int from = query.get("after") == null ? 0 : Integer.parseInt(query.get("after"));
            int limit = Integer.parseInt(query.getOrDefault("limit", "100"));
            rendered = limit == PAGE ? pages.get(type + "/" + from) : null;
            body = rendered != null ? null : page(type, from, Math.min(total, from + limit), total);
        } else {
            body = "{\"total\":0,\"results\":[]}";
        }
        byte[] bytes = rendered != null ? rendered : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void renderPages() {
        Map<String, byte[]> rendered = new HashMap<>();
        for (String type : TYPES) {
            int total = type.equals("companies") ? companies : type.equals("contacts") ? contacts : deals;
            for (int from = 0; from < total; from += PAGE) {
                rendered.put(type + "/" + from,
                        page(type, from, Math.min(total, from + PAGE), total).getBytes(StandardCharsets.UTF_8));
            }
        }
        pages = rendered;
    }

    private static String page(String type, int from, int to, int total) {
        StringBuilder json = new StringBuilder(to > from ? (to - from) * 1200 : 32).append("{\"results\":[");
        for (int i = from; i < to; i++) {
            if (i > from) {
                json.append(',');
            }
            switch (type) {
                case "companies" -> company(json, i);
                case "contacts" -> contact(json, i);
                default -> deal(json, i);
            }
        }
        json.append(']');
        if (to < total) {
            json.append(",\"paging\":{\"next\":{\"after\":\"").append(to).append("\"}}");
        }
        return json.append('}').toString();
    }

    private static void company(StringBuilder json, int i) {
        String id = id(500_000, i);
        String created = at(i * 60L);
        json.append("{\"id\":\"").append(id).append("\",\"properties\":{\"name\":\"Company ").append(i)
                .append("\",\"domain\":\"company").append(i).append(".example\",\"industry\":\"COMPUTER_SOFTWARE\",")
                .append("\"numberofemployees\":\"").append(10 + i % 990).append("\",\"annualrevenue\":\"")
                .append(100_000 + i * 10L).append("\",\"createdate\":\"").append(created)
                .append("\",\"hs_lastmodifieddate\":\"").append(created).append("\",\"hs_object_id\":\"").append(id)
                .append("\"},\"createdAt\":\"").append(created).append("\",\"updatedAt\":\"").append(created)
                .append("\",\"archived\":false}");
    }

    private static void contact(StringBuilder json, int i) {
        String id = id(1_000_000, i);
        long t = i * 120L;
        String created = at(t);
        String source = SOURCES[i % SOURCES.length];
        json.append("{\"id\":\"").append(id).append("\",\"properties\":{\"email\":\"Person").append(id)
                .append("@Bench.example\",\"company\":\"Company ").append(i % Math.max(1, companies))
                .append("\",\"jobtitle\":\"Marketing Manager\",\"country\":\"Germany\",\"createdate\":\"").append(created)
                .append("\",\"lastmodifieddate\":\"").append(at(t + 7200)).append("\",\"lifecyclestage\":\"")
                .append(i % 3 == 0 ? "salesqualifiedlead" : "marketingqualifiedlead")
                .append("\",\"hs_v2_date_entered_lead\":\"").append(created)
                .append("\",\"hs_v2_date_entered_marketingqualifiedlead\":\"").append(at(t + 600)).append('"');
        if (i % 3 == 0) {
            json.append(",\"hs_v2_date_entered_salesqualifiedlead\":\"").append(at(t + 3600)).append('"');
        }
        json.append(",\"hubspot_owner_id\":\"").append(101 + i % 2).append("\",\"associatedcompanyid\":\"")
                .append(id(500_000, i % Math.max(1, companies))).append("\",\"hs_analytics_source\":\"").append(source)
                .append("\",\"hs_analytics_source_data_1\":\"campaign-").append(i % 40)
                .append("\",\"hs_analytics_first_timestamp\":\"").append(at(t - 300))
                .append("\",\"first_conversion_date\":\"").append(created)
                .append("\",\"first_conversion_event_name\":\"Whitepaper download\",\"hs_sa_first_engagement_date\":\"")
                .append(at(t + 5400)).append("\",\"hs_sa_first_engagement_object_type\":\"EMAIL\",\"hs_object_id\":\"")
                .append(id).append("\"},\"createdAt\":\"").append(created).append("\",\"updatedAt\":\"")
                .append(at(t + 7200)).append("\",\"archived\":false}");
    }

    private static void deal(StringBuilder json, int i) {
        String id = id(9_000_000, i);
        long t = i * 400L;
        String created = at(t);
        String stage = STAGES[i % STAGES.length];
        json.append("{\"id\":\"").append(id).append("\",\"properties\":{\"dealname\":\"Deal ").append(i)
                .append("\",\"amount\":\"").append(1000 + (i % 97) * 250).append(".50\",\"deal_currency_code\":\"EUR\",")
                .append("\"closedate\":\"").append(at(t + 2_592_000)).append("\",\"createdate\":\"").append(created)
                .append("\",\"dealstage\":\"").append(stage).append("\",\"pipeline\":\"default\",\"hubspot_owner_id\":\"")
                .append(101 + i % 2).append("\",\"dealtype\":\"newbusiness\",\"hs_lastmodifieddate\":\"")
                .append(at(t + 2_592_000)).append("\",\"hs_v2_date_entered_appointmentscheduled\":\"").append(created);
        if (!stage.equals("appointmentscheduled")) {
            json.append("\",\"hs_v2_date_entered_").append(stage).append("\":\"").append(at(t + 86_400));
        }
        json.append("\",\"hs_object_id\":\"").append(id).append("\"},\"createdAt\":\"").append(created)
                .append("\",\"updatedAt\":\"").append(created).append("\",\"archived\":false,\"associations\":{")
                .append("\"contacts\":{\"results\":[{\"id\":\"").append(id(1_000_000, i % Math.max(1, contacts)))
                .append("\",\"type\":\"deal_to_contact\"}]},\"companies\":{\"results\":[{\"id\":\"")
                .append(id(500_000, i % Math.max(1, companies))).append("\",\"type\":\"deal_to_company\"}]}}}");
    }

    private static String id(int base, int i) {
        return Long.toString(base + generation * 20_000_000L + i);
    }

    private static String at(long seconds) {
        return BASE.plusSeconds(seconds).toString().replace("Z", ".000Z");
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
