// The parts of @mailchimp/mailchimp_marketing (which ships no types) that the tests call.
declare module '@mailchimp/mailchimp_marketing' {
  type Options = Record<string, unknown>;
  interface MailchimpClient {
    /** Where requests go: `https://server.api.mailchimp.com/3.0`, with `server` replaced by the configured data center. */
    basePath: string;
    setConfig(config: { apiKey?: string; accessToken?: string; server?: string }): void;
    ping: { get(): Promise<unknown> };
    campaigns: {
      create(body: Options): Promise<unknown>;
      get(campaignId: string, opts?: Options): Promise<unknown>;
      send(campaignId: string): Promise<unknown>;
      list(opts?: Options): Promise<{ campaigns: unknown[] }>;
    };
    lists: {
      getAllLists(opts?: Options): Promise<{ lists: unknown[] }>;
      getListMember(listId: string, subscriberHash: string, opts?: Options): Promise<unknown>;
      getListMembersInfo(listId: string, opts?: Options): Promise<{ members: unknown[]; total_items: number }>;
      setListMember(listId: string, subscriberHash: string, body: Options, opts?: Options): Promise<unknown>;
      updateListMember(listId: string, subscriberHash: string, body: Options, opts?: Options): Promise<unknown>;
      updateListMemberTags(listId: string, subscriberHash: string, body: Options): Promise<unknown>;
    };
    templates: { list(opts?: Options): Promise<{ templates: unknown[] }> };
  }
  const client: MailchimpClient;
  export default client;
}
