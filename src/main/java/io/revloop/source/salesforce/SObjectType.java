package io.revloop.source.salesforce;

import io.revloop.model.Entity;
import java.util.List;

/**
 * The Salesforce objects a sync reads, in the order it reads them: an object comes after those its
 * records refer to (a stage change needs its deal, a campaign member its person, a contact the
 * lineage its converted lead left). Each lists the fields the mapping needs; {@code SystemModstamp}
 * (the cursor) and, where the object has it, {@code IsDeleted} are always added.
 */
enum SObjectType {
    DATED_CONVERSION_RATE("DatedConversionRate", Entity.FX_RATES, false,
            List.of("Id", "IsoCode", "ConversionRate", "StartDate")),
    ACCOUNT("Account", Entity.ACCOUNTS, true,
            List.of("Id", "Name", "Website", "Industry", "NumberOfEmployees", "AnnualRevenue")),
    CAMPAIGN("Campaign", Entity.CAMPAIGNS, true,
            List.of("Id", "Name", "Type")),
    LEAD("Lead", Entity.LEADS, true,
            List.of("Id", "Email", "Company", "Title", "Country", "LeadSource", "Status", "Owner.Name", "CreatedDate",
                    "IsConverted", "ConvertedDate", "ConvertedContactId", "ConvertedAccountId",
                    "ConvertedOpportunityId")),
    CONTACT("Contact", Entity.LEADS, true,
            List.of("Id", "Email", "Title", "MailingCountry", "LeadSource", "AccountId", "Account.Name", "Owner.Name",
                    "CreatedDate")),
    OPPORTUNITY("Opportunity", Entity.DEALS, true,
            List.of("Id", "Name", "AccountId", "Type", "Amount", "StageName", "IsClosed", "IsWon", "CloseDate",
                    "CreatedDate", "Owner.Name")),
    OPPORTUNITY_HISTORY("OpportunityHistory", Entity.DEAL_STAGES, true,
            List.of("Id", "OpportunityId", "StageName", "CreatedDate")),
    CAMPAIGN_MEMBER("CampaignMember", Entity.TOUCHPOINTS, true,
            List.of("Id", "CampaignId", "LeadId", "ContactId", "HasResponded", "CreatedDate", "Campaign.Type")),
    TASK("Task", Entity.ACTIVITIES, true,
            List.of("Id", "WhoId", "TaskSubtype", "CreatedDate")),
    EVENT("Event", Entity.ACTIVITIES, true,
            List.of("Id", "WhoId", "StartDateTime", "CreatedDate"));

    private final String apiName;
    private final Entity entity;
    private final boolean deletable;
    private final List<String> fields;

    SObjectType(String apiName, Entity entity, boolean deletable, List<String> fields) {
        this.apiName = apiName;
        this.entity = entity;
        this.deletable = deletable;
        this.fields = fields;
    }

    /** The object's API name, also the name of its cursor stream. */
    String apiName() {
        return apiName;
    }

    Entity entity() {
        return entity;
    }

    /** Whether the object has {@code IsDeleted}: then it is read with queryAll, which returns deleted records too. */
    boolean deletable() {
        return deletable;
    }

    List<String> fields() {
        return fields;
    }

    /** Records of a person-less task or event say nothing about the funnel: only those with a WhoId are read. */
    String filter() {
        return this == TASK || this == EVENT ? "WhoId != null" : null;
    }
}
