// The parts of facebook-nodejs-business-sdk (which ships no types) that the tests call.
declare module 'facebook-nodejs-business-sdk' {
  type Params = Record<string, unknown>;
  export class FacebookAdsApi {
    constructor(accessToken: string, locale?: string, crashLog?: boolean);
    static init(accessToken: string, locale?: string, crashLog?: boolean): FacebookAdsApi;
    static readonly GRAPH: string;
    static readonly VERSION: string;
  }
  export class FacebookRequestError extends Error {
    status: number;
    response: { code?: number; error_subcode?: number; message?: string; error_user_msg?: string };
  }
  /** A page of an edge, which fetches the next with `next()`. */
  export interface Cursor<T> extends Array<T> {
    hasNext(): boolean;
    next(): Promise<Cursor<T>>;
  }
  class CrudObject {
    constructor(id?: string | null, data?: Params, parentId?: string, api?: FacebookAdsApi);
    readonly id: string;
    clearHistory(): this;
    exportAllData(): Params;
    get(fields: string[], params?: Params): Promise<this>;
    update(fields: string[], params?: Params): Promise<Params>;
    getInsights(fields: string[], params?: Params): Promise<Cursor<CrudObject>>;
  }
  export class AdAccount extends CrudObject {
    createCampaign(fields: string[], params?: Params): Promise<Campaign>;
    createAdSet(fields: string[], params?: Params): Promise<AdSet>;
    createAd(fields: string[], params?: Params): Promise<Ad>;
    getCampaigns(fields: string[], params?: Params): Promise<Cursor<Campaign>>;
    getAdSets(fields: string[], params?: Params): Promise<Cursor<AdSet>>;
    getAds(fields: string[], params?: Params): Promise<Cursor<Ad>>;
  }
  export class Campaign extends CrudObject {}
  export class AdSet extends CrudObject {}
  export class Ad extends CrudObject {}
  export class User extends CrudObject {}
  const sdk: {
    FacebookAdsApi: typeof FacebookAdsApi;
    AdAccount: typeof AdAccount;
    Campaign: typeof Campaign;
    AdSet: typeof AdSet;
    Ad: typeof Ad;
    User: typeof User;
    FacebookRequestError: typeof FacebookRequestError;
  };
  export default sdk;
}
