/**
 * Generated from /api/v1/openapi.json by web/api-types.ts (npm run api:types): do not edit.
 * test/web/api-types.test.ts fails when this file no longer matches the served document.
 */
export interface paths {
    "/api/v1/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search bills
         * @description List and search bills.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getBills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/ocd-bill/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One bill by OCD id
         * @description One bill by OCD id.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getBillsOcdBillByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/bills/{jurisdiction}/{session}/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One bill by natural key, e.g. /bills/ca/45-1/C-12
         * @description One bill by natural key, e.g. /bills/ca/45-1/C-12.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getBillsByJurisdictionBySessionByNumber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List recorded votes (divisions)
         * @description List recorded votes (divisions).
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getVotes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/votes/ocd-vote/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One vote event by OCD id, with every ballot and the party breakdown
         * @description One vote event by OCD id, with every ballot and the party breakdown.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getVotesOcdVoteByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/votes/{jurisdiction}/{session}/{number}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One vote event by natural key, e.g. /votes/ca/44-1/332
         * @description One vote event by natural key, e.g. /votes/ca/44-1/332.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getVotesByJurisdictionBySessionByNumber"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/committees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List committees
         * @description List committees.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getCommittees"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/committees/ocd-organization/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One committee by OCD id
         * @description One committee by OCD id.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getCommitteesOcdOrganizationByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/committees/ocd-organization/{uuid}/meetings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A committee's meetings, newest first, with the bills each studied
         * @description A committee's meetings, newest first, with the bills each studied.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getCommitteesOcdOrganizationByUuidMeetings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List debates (sittings), newest first
         * @description List debates (sittings), newest first.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getDebates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One debate; include=speeches for all its speeches
         * @description One debate; include=speeches for all its speeches.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getDebatesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/debates/{id}/speeches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The speeches of one debate, in order
         * @description The speeches of one debate, in order.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getDebatesByIdSpeeches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/speeches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search speeches
         * @description List and search speeches.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getSpeeches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/speeches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One speech
         * @description One speech.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getSpeechesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search bills, people, votes and speeches
         * @description Search bills, people, votes and speeches.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getSearch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search people
         * @description List and search people.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeople"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/ocd-person/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One person with memberships and seat terms
         * @description One person with memberships and seat terms.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeopleOcdPersonByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/ocd-person/{uuid}/votes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's ballots, with attendance and dissent rates
         * @description Over the divisions matching session, since, before and bill (option is ignored), counting only divisions whose ballots are recorded: `divisions` = those held while the person sat: they cast a ballot in it, or it was held by an organization in which they had a membership on that date. `divisions_held` = the same divisions with or without recorded ballots: the rates rest on `divisions` of these `divisions_held` (most divisions are published as totals only; see `ballot_coverage` on /votes). `attended` = those where their ballot is yes, no, paired or abstain; `absent` = divisions − attended; `attendance_rate` = attended / divisions (null when divisions = 0). `party_line_ballots` = their yes/no ballots counted for a party (not an independent) whose yes/no ballots in that division, theirs included, have a strict majority; `dissents` = those of them whose option differs from that majority (the same test as the dissenters of /votes/{id}); `dissent_rate` = dissents / party_line_ballots (null when 0). Rates are rounded to 4 decimals.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeopleOcdPersonByUuidVotes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/ocd-person/{uuid}/bills": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Bills the person sponsored
         * @description Bills the person sponsored.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeopleOcdPersonByUuidBills"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/ocd-person/{uuid}/speeches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's speeches
         * @description A person's speeches.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeopleOcdPersonByUuidSpeeches"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/people/ocd-person/{uuid}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A person's photo, served by the platform
         * @description A person's photo, served by the platform.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPeopleOcdPersonByUuidPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/places": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggest places and people as a citizen types (find my representative)
         * @description Suggest places and people as a citizen types (find my representative).
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getPlaces"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/representatives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who represents a place, at each level the data holds
         * @description Who represents a place, at each level the data holds.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getRepresentatives"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/divisions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List divisions
         * @description List divisions.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getDivisions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/divisions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One division by OCD id, e.g. /divisions/ocd-division/country:ca/csd:3520005, with its current representatives (else its last ones)
         * @description One division by OCD id, e.g. /divisions/ocd-division/country:ca/csd:3520005, with its current representatives (else its last ones).
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getDivisionsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jurisdictions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List jurisdictions
         * @description List jurisdictions.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getJurisdictions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/jurisdictions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One jurisdiction by OCD id or short code, e.g. /jurisdictions/ca?include=sessions
         * @description One jurisdiction by OCD id or short code, e.g. /jurisdictions/ca?include=sessions.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getJurisdictionsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List legislative sessions
         * @description List legislative sessions.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getSessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sources": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Data sources with their last import and freshness
         * @description Data sources with their last import and freshness.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getSources"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/register": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an account (role user), then log in
         * @description Answers alike whether or not the email has an account (its owner is mailed instead), so it reveals no addresses.
         *
         *     Open to anonymous callers (permission `auth:public`); a token or key makes the call count against your own quota.
         */
        post: operations["postAuthRegister"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log in; returns an access and a refresh token
         * @description Log in; returns an access and a refresh token.
         *
         *     Open to anonymous callers (permission `auth:public`); a token or key makes the call count against your own quota.
         */
        post: operations["postAuthLogin"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Trade a refresh token for a new pair (the old refresh token stops working)
         * @description Trade a refresh token for a new pair (the old refresh token stops working).
         *
         *     Open to anonymous callers (permission `auth:public`); a token or key makes the call count against your own quota.
         */
        post: operations["postAuthRefresh"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session (its refresh and access tokens stop working)
         * @description End this session (its refresh and access tokens stop working).
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        post: operations["postAuthLogout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The signed-in user, with its role
         * @description The signed-in user, with its role.
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAuthMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password; ends every other session and outstanding reset tokens, and lists the API keys that keep working
         * @description Change my password; ends every other session and outstanding reset tokens, and lists the API keys that keep working.
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        post: operations["postAuthPassword"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mail a password-reset token to this address, if it has an account
         * @description Mail a password-reset token to this address, if it has an account.
         *
         *     Open to anonymous callers (permission `auth:public`); a token or key makes the call count against your own quota.
         */
        post: operations["postAuthPasswordReset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a mailed reset token; ends every session, API key and other reset token of the account
         * @description Set a new password with a mailed reset token; ends every session, API key and other reset token of the account.
         *
         *     Open to anonymous callers (permission `auth:public`); a token or key makes the call count against your own quota.
         */
        post: operations["postAuthPasswordResetConfirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My live sessions
         * @description My live sessions.
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAuthSessions"];
        put?: never;
        post?: never;
        /**
         * End all my other sessions
         * @description End all my other sessions.
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        delete: operations["deleteAuthSessions"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End one of my sessions
         * @description End one of my sessions.
         *
         *     Needs permission `account:self` (role user or above), sent as an access token (an API key cannot do this).
         */
        delete: operations["deleteAuthSessionsById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My API keys (without the keys themselves)
         * @description My API keys (without the keys themselves).
         *
         *     Needs permission `keys:manage` (role user or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getKeys"];
        put?: never;
        /**
         * Create an API key (shown once)
         * @description Create an API key (shown once).
         *
         *     Needs permission `keys:manage` (role user or above), sent as an access token (an API key cannot do this).
         */
        post: operations["postKeys"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of my API keys
         * @description One of my API keys.
         *
         *     Needs permission `keys:manage` (role user or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getKeysById"];
        put?: never;
        post?: never;
        /**
         * Revoke one of my API keys
         * @description Revoke one of my API keys.
         *
         *     Needs permission `keys:manage` (role user or above), sent as an access token (an API key cannot do this).
         */
        delete: operations["deleteKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/saved": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The bills and people I follow, newest first
         * @description The bills and people I follow, newest first.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getMeSaved"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/saved/{type}/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Follow a bill or person (idempotent: 201 when new, 200 when already followed)
         * @description Follow a bill or person (idempotent: 201 when new, 200 when already followed).
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        put: operations["putMeSavedByTypeByUuid"];
        post?: never;
        /**
         * Unfollow a bill or person (404 if I do not follow it)
         * @description Unfollow a bill or person (404 if I do not follow it).
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        delete: operations["deleteMeSavedByTypeByUuid"];
        options?: never;
        head?: never;
        /**
         * Choose how I hear of one item I follow: its mail and its webhooks, over my own settings (404 if I do not follow it)
         * @description Choose how I hear of one item I follow: its mail and its webhooks, over my own settings (404 if I do not follow it).
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        patch: operations["patchMeSavedByTypeByUuid"];
        trace?: never;
    };
    "/api/v1/me/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My alert settings: how I am mailed, and my private feed
         * @description My alert settings: how I am mailed, and my private feed.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getMeAlerts"];
        /**
         * Choose how I am mailed about what I follow
         * @description Choose how I am mailed about what I follow.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        put: operations["putMeAlerts"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/searches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My saved searches, newest first
         * @description My saved searches, newest first.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getMeSearches"];
        put?: never;
        /**
         * Save a search: new bills and speeches that match it reach me like what I follow
         * @description Save a search: new bills and speeches that match it reach me like what I follow.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        post: operations["postMeSearches"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/searches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one of my saved searches
         * @description Delete one of my saved searches.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        delete: operations["deleteMeSearchesById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My webhooks (never their secrets)
         * @description My webhooks (never their secrets).
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getMeWebhooks"];
        put?: never;
        /**
         * Register a webhook: events I follow are POSTed to it as signed JSON; the secret is shown this once
         * @description Register a webhook: events I follow are POSTed to it as signed JSON; the secret is shown this once.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        post: operations["postMeWebhooks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete one of my webhooks (its queued deliveries are dropped)
         * @description Delete one of my webhooks (its queued deliveries are dropped).
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        delete: operations["deleteMeWebhooksById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log of one of my webhooks, newest first unless sorted: status, attempts, HTTP status and latency
         * @description The delivery log of one of my webhooks, newest first unless sorted: status, attempts, HTTP status and latency.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getMeWebhooksByIdDeliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/webhooks/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event to one of my webhooks; it appears in the delivery log
         * @description Send a test event to one of my webhooks; it appears in the delivery log.
         *
         *     Needs permission `saved:manage` (role user or above), sent as an access token, or an API key created with that scope.
         */
        post: operations["postMeWebhooksByIdTest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/unsubscribe/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop alert mail, without signing in: the one-click target of the mails' List-Unsubscribe header and unsubscribe page
         * @description Stop alert mail, without signing in: the one-click target of the mails' List-Unsubscribe header and unsubscribe page.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        post: operations["postUnsubscribeByToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feeds/bills/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Atom feed of a bill: its new stages, divisions and debate
         * @description Atom feed of a bill: its new stages, divisions and debate.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getFeedsBillsByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feeds/people/{uuid}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Atom feed of a person: the divisions they voted in, their speeches, the bills they sponsored
         * @description Atom feed of a person: the divisions they voted in, their speeches, the bills they sponsored.
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getFeedsPeopleByUuid"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feeds/searches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Atom feed of a saved search: new bills and speeches that match it (its id is its key)
         * @description Atom feed of a saved search: new bills and speeches that match it (its id is its key).
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getFeedsSearchesById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/feeds/private/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My private Atom feed: every event about what I follow (the URL is the secret; see GET /me/alerts)
         * @description My private Atom feed: every event about what I follow (the URL is the secret; see GET /me/alerts).
         *
         *     Open to anonymous callers (permission `public:read`); a token or key makes the call count against your own quota.
         */
        get: operations["getFeedsPrivateByToken"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Users, newest first unless sorted
         * @description Users, newest first unless sorted.
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAdminUsers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One user
         * @description One user.
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAdminUsersById"];
        put?: never;
        post?: never;
        /**
         * Delete a user with its sessions and keys (the audit trail stays)
         * @description Delete a user with its sessions and keys (the audit trail stays).
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        delete: operations["deleteAdminUsersById"];
        options?: never;
        head?: never;
        /**
         * Change a user's role or tier, or disable / enable it
         * @description Change a user's role or tier, or disable / enable it.
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        patch: operations["patchAdminUsersById"];
        trace?: never;
    };
    "/api/v1/admin/users/{id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a login lockout now
         * @description Lift a login lockout now.
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        post: operations["postAdminUsersByIdUnlock"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first unless sorted
         * @description The audit log, newest first unless sorted.
         *
         *     Needs permission `audit:read` (role admin or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAdminAudit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/outbox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Mail kept because no SMTP server is configured, newest first unless sorted
         * @description Mail kept because no SMTP server is configured, newest first unless sorted.
         *
         *     Needs permission `outbox:read` (role admin or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAdminOutbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Import runs, newest first unless sorted
         * @description Import runs, newest first unless sorted.
         *
         *     Needs permission `imports:read` (role editor or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getAdminImports"];
        put?: never;
        /**
         * Start importing one source's bundled sample in the background
         * @description Start importing one source's bundled sample in the background.
         *
         *     Needs permission `imports:run` (role editor or above), sent as an access token, or an API key created with that scope.
         */
        post: operations["postAdminImports"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One import run with its rejected records; poll it to follow a running run's counts
         * @description One import run with its rejected records; poll it to follow a running run's counts.
         *
         *     Needs permission `imports:read` (role editor or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getAdminImportsById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/fetch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Each fetch source: its schedule, last run and freshness
         * @description Each fetch source: its schedule, last run and freshness.
         *
         *     Needs permission `imports:read` (role editor or above), sent as an access token, or an API key created with that scope.
         */
        get: operations["getAdminFetch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/fetch/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fetch one source now, in the background (whatever its schedule)
         * @description Fetch one source now, in the background (whatever its schedule).
         *
         *     Needs permission `imports:run` (role editor or above), sent as an access token, or an API key created with that scope.
         */
        post: operations["postAdminFetchBySource"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every user's API keys with their owner and tier, newest first unless sorted (never the keys or their hashes)
         * @description Every user's API keys with their owner and tier, newest first unless sorted (never the keys or their hashes).
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        get: operations["getAdminKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke any user's API key
         * @description Revoke any user's API key.
         *
         *     Needs permission `users:manage` (role admin or above), sent as an access token (an API key cannot do this).
         */
        delete: operations["deleteAdminKeysById"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Problem: {
            /**
             * Format: uri
             * @description What kind of problem; a stable URI to branch on.
             */
            type: string;
            /** @description The HTTP status text. */
            title: string;
            status: number;
            /** @description What went wrong with this request, and what to do about it. */
            detail: string;
            /**
             * Format: uri-reference
             * @description The request path (and query) this problem is about.
             */
            instance: string;
            /** @description The query, path or body parameter at fault, when there is one. */
            parameter?: string;
        } & {
            [key: string]: unknown;
        };
    };
    responses: {
        /** @description A parameter, the path or the body is invalid; `parameter` names the one at fault when there is one. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/invalid-parameter",
                 *       "title": "Bad Request",
                 *       "status": 400,
                 *       "detail": "Unknown query parameter \"colour\".",
                 *       "parameter": "colour",
                 *       "instance": "/api/v1/bills?colour=red"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The credentials sent are invalid or expired, or the operation needs an account and none was sent. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/invalid-token",
                 *       "title": "Unauthorized",
                 *       "status": 401,
                 *       "detail": "The access token has expired; refresh it at POST /api/v1/auth/refresh.",
                 *       "instance": "/api/v1/auth/me"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller's role, or an API key in place of a token, does not have the permission; or the account is disabled, or the current password was wrong. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/forbidden",
                 *       "title": "Forbidden",
                 *       "status": 403,
                 *       "detail": "Your role (user) does not have the permission users:manage.",
                 *       "instance": "/api/v1/admin/users"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Nothing has this id (or it belongs to another user). */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/not-found",
                 *       "title": "Not Found",
                 *       "status": 404,
                 *       "detail": "No bill with id \"ocd-bill/00000000-0000-0000-0000-000000000000\".",
                 *       "instance": "/api/v1/bills/ocd-bill/00000000-0000-0000-0000-000000000000"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The change conflicts with the current state (a taken username, the last admin, an import already running). */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/username-taken",
                 *       "title": "Conflict",
                 *       "status": 409,
                 *       "detail": "The username \"ada\" is taken; choose another.",
                 *       "parameter": "username",
                 *       "instance": "/api/v1/auth/register"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A path parameter is longer than any id. */
        UriTooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/bad-request",
                 *       "title": "URI Too Long",
                 *       "status": 414,
                 *       "detail": "URI Too Long",
                 *       "instance": "/api/v1/keys/xxxxxxxx"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than this operation accepts. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/bad-request",
                 *       "title": "Payload Too Large",
                 *       "status": 413,
                 *       "detail": "Request body is too large",
                 *       "instance": "/api/v1/auth/login"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is not `application/json`. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/bad-request",
                 *       "title": "Unsupported Media Type",
                 *       "status": 415,
                 *       "detail": "Unsupported Media Type: text/plain",
                 *       "instance": "/api/v1/auth/login"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Over the caller's quota (see the `RateLimit-*` headers), or the account is locked after failed logins. */
        TooManyRequests: {
            headers: {
                /** @description Seconds to wait before trying again. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/rate-limited",
                 *       "title": "Too Many Requests",
                 *       "status": 429,
                 *       "detail": "Over the anonymous limit of 60 requests per minute; sign in or send an API key for more.",
                 *       "instance": "/api/v1/bills"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The server failed; the failure is logged under the request id (`X-Request-Id`). */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/internal",
                 *       "title": "Internal Server Error",
                 *       "status": 500,
                 *       "detail": "The server failed to answer this request; it has been logged.",
                 *       "instance": "/api/v1/bills"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The database is unavailable for a moment. */
        ServiceUnavailable: {
            headers: {
                /** @description Seconds to wait before trying again. */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://openpolicy.ca/problems/service-unavailable",
                 *       "title": "Service Unavailable",
                 *       "status": 503,
                 *       "detail": "The database is unavailable; try again in a few seconds.",
                 *       "instance": "/api/v1/bills"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Not Modified: the `If-None-Match` header names the current ETag (or is `*`); the cached copy is still good. */
        NotModified: {
            headers: {
                /** @description The weak ETag of the current representation. */
                ETag?: string;
                [name: string]: unknown;
            };
            content?: never;
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getBills: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`). */
                jurisdiction?: string;
                /** @description Session identifier, e.g. `45-1`; of the federal Parliament unless `jurisdiction` names another. */
                session?: string;
                /** @description Originating chamber. */
                chamber?: "lower" | "upper";
                /** @description Bill type as published, e.g. "House Government Bill". */
                type?: string;
                government?: boolean;
                /** @description Status (English or French), case-insensitive, e.g. "Royal assent received". */
                status?: string;
                /** @description Sponsor ocd-person id. */
                sponsor?: string;
                /** @description Full text (English and French); an exact number such as C-12 ranks that bill first. */
                q?: string;
                introduced_since?: string;
                introduced_before?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description Default: relevance with q, else updated_desc. */
                sort?: "updated_asc" | "updated_desc" | "introduced_asc" | "introduced_desc" | "latest_action_asc" | "latest_action_desc" | "number_asc" | "number_desc" | "relevance";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            jurisdiction_id: string;
                            session: string;
                            identifier: string;
                            title: {
                                en: string | null;
                                fr: string | null;
                            };
                            short_title: {
                                en: string | null;
                                fr: string | null;
                            };
                            type: string | null;
                            is_government: boolean | null;
                            from_organization: string | null;
                            sponsor: {
                                id: string;
                                name: string | null;
                                title: string | null;
                            } | null;
                            status: {
                                en: string | null;
                                fr: string | null;
                            };
                            latest_stage: {
                                en: string | null;
                                fr: string | null;
                            };
                            introduced_date: string | null;
                            latest_action_date: string | null;
                            royal_assent_date: string | null;
                            statute: {
                                year: number | null;
                                chapter: string | null;
                            } | null;
                            summary: {
                                en: string | null;
                                fr: string | null;
                            };
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            created_at: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBillsOcdBillByUuid: {
        parameters: {
            query?: {
                /** @description Repeatable or comma-separated: actions, sponsors, votes, texts, committee_meetings. */
                include?: string | string[];
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        jurisdiction_id: string;
                        session: string;
                        identifier: string;
                        title: {
                            en: string | null;
                            fr: string | null;
                        };
                        short_title: {
                            en: string | null;
                            fr: string | null;
                        };
                        type: string | null;
                        is_government: boolean | null;
                        from_organization: string | null;
                        sponsor: {
                            id: string;
                            name: string | null;
                            title: string | null;
                        } | null;
                        status: {
                            en: string | null;
                            fr: string | null;
                        };
                        latest_stage: {
                            en: string | null;
                            fr: string | null;
                        };
                        introduced_date: string | null;
                        latest_action_date: string | null;
                        royal_assent_date: string | null;
                        statute: {
                            year: number | null;
                            chapter: string | null;
                        } | null;
                        summary: {
                            en: string | null;
                            fr: string | null;
                        };
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        created_at: string;
                        updated_at: string;
                    } & {
                        actions?: {
                            order: number;
                            date: string | null;
                            time: string | null;
                            chamber: string | null;
                            stage: {
                                en: string | null;
                                fr: string | null;
                            };
                            description: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string[];
                            committee_id: string | null;
                        }[];
                        sponsors?: {
                            id: string;
                            name: string | null;
                            title: string | null;
                            primary: boolean;
                        }[];
                        votes?: {
                            id: string;
                            identifier: string;
                            start_date: string;
                            motion_text: {
                                en: string | null;
                                fr: string | null;
                            };
                            result: string;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                        }[];
                        texts?: {
                            version: string;
                            language: string;
                            url: string | null;
                            text: string;
                        }[];
                        committee_meetings?: {
                            id: string;
                            committee: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                abbreviation: string | null;
                            };
                            number: number | null;
                            date: string | null;
                            title: string | null;
                            url: string | null;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBillsByJurisdictionBySessionByNumber: {
        parameters: {
            query?: {
                /** @description Repeatable or comma-separated: actions, sponsors, votes, texts, committee_meetings. */
                include?: string | string[];
            };
            header?: never;
            path: {
                jurisdiction: string;
                session: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        jurisdiction_id: string;
                        session: string;
                        identifier: string;
                        title: {
                            en: string | null;
                            fr: string | null;
                        };
                        short_title: {
                            en: string | null;
                            fr: string | null;
                        };
                        type: string | null;
                        is_government: boolean | null;
                        from_organization: string | null;
                        sponsor: {
                            id: string;
                            name: string | null;
                            title: string | null;
                        } | null;
                        status: {
                            en: string | null;
                            fr: string | null;
                        };
                        latest_stage: {
                            en: string | null;
                            fr: string | null;
                        };
                        introduced_date: string | null;
                        latest_action_date: string | null;
                        royal_assent_date: string | null;
                        statute: {
                            year: number | null;
                            chapter: string | null;
                        } | null;
                        summary: {
                            en: string | null;
                            fr: string | null;
                        };
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        created_at: string;
                        updated_at: string;
                    } & {
                        actions?: {
                            order: number;
                            date: string | null;
                            time: string | null;
                            chamber: string | null;
                            stage: {
                                en: string | null;
                                fr: string | null;
                            };
                            description: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string[];
                            committee_id: string | null;
                        }[];
                        sponsors?: {
                            id: string;
                            name: string | null;
                            title: string | null;
                            primary: boolean;
                        }[];
                        votes?: {
                            id: string;
                            identifier: string;
                            start_date: string;
                            motion_text: {
                                en: string | null;
                                fr: string | null;
                            };
                            result: string;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                        }[];
                        texts?: {
                            version: string;
                            language: string;
                            url: string | null;
                            text: string;
                        }[];
                        committee_meetings?: {
                            id: string;
                            committee: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                abbreviation: string | null;
                            };
                            number: number | null;
                            date: string | null;
                            title: string | null;
                            url: string | null;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getVotes: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`). */
                jurisdiction?: string;
                /** @description Session identifier, e.g. `44-1`; of the federal Parliament unless `jurisdiction` names another. */
                session?: string;
                /** @description An ocd-bill id, or a bill number such as `C-21` (narrow it with `session`). */
                bill?: string;
                date?: string;
                /** @description Held on or after this date. */
                since?: string;
                /** @description Held before this date. */
                before?: string;
                result?: "pass" | "fail" | "tie";
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "date_asc" | "date_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            identifier: string;
                            jurisdiction_id: string;
                            session: string;
                            start_date: string;
                            motion_text: {
                                en: string | null;
                                fr: string | null;
                            };
                            /** @enum {string} */
                            result: "pass" | "fail" | "tie";
                            organization: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                classification: string;
                            } | null;
                            bill: {
                                id: string | null;
                                identifier: string | null;
                            } | null;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                            /** @description Whether the ballots behind the counts are recorded, and how many against the total. */
                            ballot_coverage: {
                                /** @description Member-by-member ballots of this division are held (today only for divisions of the imported Hansard sittings). */
                                recorded: boolean;
                                /** @description How many member ballots are held. */
                                ballots: number;
                                /** @description The division's own total: the sum of its `counts` (yes + no + paired, + absent where published). */
                                division_total: number;
                            };
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getVotesOcdVoteByUuid: {
        parameters: {
            query?: {
                /** @description `csv`: the division's ballots, one line per member (also `Accept: text/csv`). */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        identifier: string;
                        jurisdiction_id: string;
                        session: string;
                        start_date: string;
                        motion_text: {
                            en: string | null;
                            fr: string | null;
                        };
                        /** @enum {string} */
                        result: "pass" | "fail" | "tie";
                        organization: {
                            id: string;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string;
                        } | null;
                        bill: {
                            id: string | null;
                            identifier: string | null;
                        } | null;
                        counts: {
                            option: string;
                            value: number;
                        }[];
                        /** @description Whether the ballots behind the counts are recorded, and how many against the total. */
                        ballot_coverage: {
                            /** @description Member-by-member ballots of this division are held (today only for divisions of the imported Hansard sittings). */
                            recorded: boolean;
                            /** @description How many member ballots are held. */
                            ballots: number;
                            /** @description The division's own total: the sum of its `counts` (yes + no + paired, + absent where published). */
                            division_total: number;
                        };
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        votes: {
                            option: string;
                            voter_name: string;
                            voter_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            district: string | null;
                        }[];
                        parties: {
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                            majority: ("yes" | "no") | null;
                            bloc: boolean | null;
                        }[];
                        /** @description Members whose yes/no ballot went against the majority of their party. */
                        dissenters: ({
                            option: string;
                            voter_name: string;
                            voter_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            district: string | null;
                        } & {
                            /** @enum {string} */
                            party_majority: "yes" | "no";
                        })[];
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getVotesByJurisdictionBySessionByNumber: {
        parameters: {
            query?: {
                /** @description `csv`: the division's ballots, one line per member (also `Accept: text/csv`). */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                jurisdiction: string;
                session: string;
                number: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        identifier: string;
                        jurisdiction_id: string;
                        session: string;
                        start_date: string;
                        motion_text: {
                            en: string | null;
                            fr: string | null;
                        };
                        /** @enum {string} */
                        result: "pass" | "fail" | "tie";
                        organization: {
                            id: string;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string;
                        } | null;
                        bill: {
                            id: string | null;
                            identifier: string | null;
                        } | null;
                        counts: {
                            option: string;
                            value: number;
                        }[];
                        /** @description Whether the ballots behind the counts are recorded, and how many against the total. */
                        ballot_coverage: {
                            /** @description Member-by-member ballots of this division are held (today only for divisions of the imported Hansard sittings). */
                            recorded: boolean;
                            /** @description How many member ballots are held. */
                            ballots: number;
                            /** @description The division's own total: the sum of its `counts` (yes + no + paired, + absent where published). */
                            division_total: number;
                        };
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        votes: {
                            option: string;
                            voter_name: string;
                            voter_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            district: string | null;
                        }[];
                        parties: {
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                            majority: ("yes" | "no") | null;
                            bloc: boolean | null;
                        }[];
                        /** @description Members whose yes/no ballot went against the majority of their party. */
                        dissenters: ({
                            option: string;
                            voter_name: string;
                            voter_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            district: string | null;
                        } & {
                            /** @enum {string} */
                            party_majority: "yes" | "no";
                        })[];
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCommittees: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`). */
                jurisdiction?: string;
                /** @description House (`lower`), Senate (`upper`) or joint committees. */
                chamber?: "lower" | "upper" | "joint";
                /** @description Part of the English or French name, or the acronym (case-insensitive). */
                name?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "name_asc" | "name_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            jurisdiction_id: string | null;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            abbreviation: string | null;
                            classification: string;
                            chamber: ("lower" | "upper" | "joint") | null;
                            parent_id: string | null;
                            first_active: string | null;
                            last_active: string | null;
                            superseded_by: string | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCommitteesOcdOrganizationByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        jurisdiction_id: string | null;
                        name: {
                            en: string | null;
                            fr: string | null;
                        };
                        abbreviation: string | null;
                        classification: string;
                        chamber: ("lower" | "upper" | "joint") | null;
                        parent_id: string | null;
                        first_active: string | null;
                        last_active: string | null;
                        superseded_by: string | null;
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        meeting_count: number;
                        first_meeting_date: string | null;
                        last_meeting_date: string | null;
                        meetings_url: string;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCommitteesOcdOrganizationByUuidMeetings: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Session identifier, e.g. `44-1`. */
                session?: string;
                /** @description Held on or after this date. */
                since?: string;
                before?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description By date (undated meetings count as the oldest), then number. */
                sort?: "date_asc" | "date_desc";
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            committee_id: string;
                            session: string | null;
                            number: number | null;
                            date: string | null;
                            title: string | null;
                            url: string | null;
                            bills: {
                                id: string;
                                session: string;
                                identifier: string;
                                title: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                url: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDebates: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`). */
                jurisdiction?: string;
                /** @description Session identifier, e.g. `44-1`; of the federal Parliament unless `jurisdiction` names another. */
                session?: string;
                date?: string;
                /** @description On or after this date. */
                since?: string;
                /** @description Before this date. */
                before?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "date_asc" | "date_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            jurisdiction_id: string;
                            session: string | null;
                            organization_id: string | null;
                            date: string;
                            number: number | null;
                            title: {
                                en: string | null;
                                fr: string | null;
                            };
                            speech_count: number;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDebatesById: {
        parameters: {
            query?: {
                /** @description Repeatable or comma-separated: speeches. */
                include?: string | string[];
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        jurisdiction_id: string;
                        session: string | null;
                        organization_id: string | null;
                        date: string;
                        number: number | null;
                        title: {
                            en: string | null;
                            fr: string | null;
                        };
                        speech_count: number;
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        /** @description The speeches, paginated. */
                        speeches_url: string;
                        /** @description The sitting's table of contents, in order. */
                        subjects: {
                            subject: {
                                en: string | null;
                                fr: string | null;
                            };
                            /** @description Speeches in a row under this subject. */
                            speeches: number;
                            first_speech_id: string;
                            /** @description Where its first speech is in the sitting, from 1: on page ceil(position / per_page) of `speeches_url`. */
                            position: number;
                        }[];
                        /** @description Every speech of the sitting in order, with include=speeches. */
                        speeches?: {
                            id: string;
                            debate_id: string;
                            date: string;
                            sequence: number;
                            speaker: {
                                name: string;
                                person_id: string | null;
                                affiliation: string | null;
                                role: ("member" | "presiding_officer" | "witness" | "staff" | "group") | null;
                            };
                            time: string | null;
                            subject: {
                                en: string | null;
                                fr: string | null;
                            };
                            text: {
                                en: string | null;
                                fr: string | null;
                            };
                            bill: {
                                id: string;
                                identifier: string | null;
                            } | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDebatesByIdSpeeches: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description In the order they were given, or the reverse. */
                sort?: "sequence_asc" | "sequence_desc";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            debate_id: string;
                            date: string;
                            sequence: number;
                            speaker: {
                                name: string;
                                person_id: string | null;
                                affiliation: string | null;
                                role: ("member" | "presiding_officer" | "witness" | "staff" | "group") | null;
                            };
                            time: string | null;
                            subject: {
                                en: string | null;
                                fr: string | null;
                            };
                            text: {
                                en: string | null;
                                fr: string | null;
                            };
                            bill: {
                                id: string;
                                identifier: string | null;
                            } | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSpeeches: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Speaker ocd-person id. */
                person?: string;
                /** @description An ocd-bill id, or a bill number such as `C-21`. */
                bill?: string;
                date?: string;
                /** @description On or after this date. */
                since?: string;
                /** @description Before this date. */
                before?: string;
                /** @description Full text, English and French (web-search syntax: "quoted phrase", -not, or). */
                q?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description Default: relevance with q, else date_desc (the speeches of a sitting in order either way). */
                sort?: "date_asc" | "date_desc" | "relevance";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            debate_id: string;
                            date: string;
                            sequence: number;
                            speaker: {
                                name: string;
                                person_id: string | null;
                                affiliation: string | null;
                                role: ("member" | "presiding_officer" | "witness" | "staff" | "group") | null;
                            };
                            time: string | null;
                            subject: {
                                en: string | null;
                                fr: string | null;
                            };
                            text: {
                                en: string | null;
                                fr: string | null;
                            };
                            bill: {
                                id: string;
                                identifier: string | null;
                            } | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSpeechesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        debate_id: string;
                        date: string;
                        sequence: number;
                        speaker: {
                            name: string;
                            person_id: string | null;
                            affiliation: string | null;
                            role: ("member" | "presiding_officer" | "witness" | "staff" | "group") | null;
                        };
                        time: string | null;
                        subject: {
                            en: string | null;
                            fr: string | null;
                        };
                        text: {
                            en: string | null;
                            fr: string | null;
                        };
                        bill: {
                            id: string;
                            identifier: string | null;
                        } | null;
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSearch: {
        parameters: {
            query: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Words to find, English or French (web-search syntax: "quoted phrase", -not, or); a bill number such as C-12 finds that bill first. */
                q: string;
                /** @description Only hits of this type. */
                type?: "bill" | "person" | "vote" | "speech";
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description `relevance`: exact matches first, then by rank, newer first within a rank. `date`: undated hits (people) count as the oldest. */
                sort?: "date_asc" | "date_desc" | "relevance";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** @enum {string} */
                            type: "bill" | "person" | "vote" | "speech";
                            id: string;
                            /** @description In each language the record has: a bill's number and title, a division's number, session and motion, a speech's speaker and subject; null in a language the record has no text in. A person's name, the same in both. */
                            title: {
                                en: string | null;
                                fr: string | null;
                            };
                            url: string;
                            session: string | null;
                            /** @description A bill's status; null for other hits. */
                            status: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            date: string | null;
                            /** @description HTML: the matching passage, escaped, with the matched words in <mark> tags. */
                            snippet: string;
                            /** @description When the record found last changed. */
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeople: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`, `csd:3520005`): people with a membership in one of its organizations. */
                jurisdiction?: string;
                /** @description Part of the name or of another name, ignoring case and accents ("quebec" finds "Québec"). */
                name?: string;
                /** @description Party organization id, name or abbreviation: people sitting for it (or members of it). */
                party?: string;
                /** @description District name (case-insensitive) or OCD division id of a membership. */
                district?: string;
                /** @description Classification of an organization the person is a member of. */
                org_classification?: "lower" | "upper" | "legislature" | "council" | "committee" | "party";
                /** @description true (default): only people with a current membership (no end date, or ending today or later), and the membership filters apply to current memberships; false: everyone, any membership. */
                current?: boolean;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "name_asc" | "name_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            name: string;
                            given_name: string | null;
                            family_name: string | null;
                            image: string | null;
                            photo: string | null;
                            email: string | null;
                            gender: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            current_role: {
                                title: string;
                                org_classification: string;
                                district: string | null;
                                division_id: string | null;
                                jurisdiction_id: string | null;
                            } | null;
                            latest_seat: {
                                title: string;
                                org_classification: string;
                                district: string | null;
                                division_id: string | null;
                                jurisdiction_id: string | null;
                                party: {
                                    en: string | null;
                                    fr: string | null;
                                } | null;
                                start_date: string | null;
                                end_date: string | null;
                                /** @description Whether the seat is held today (no end date, or ending today or later). */
                                current: boolean;
                                legislature: {
                                    number: number;
                                    name: {
                                        en: string | null;
                                        fr: string | null;
                                    };
                                    /** @description The general election that returned it: its members' terms start then. */
                                    start_date: string;
                                    end_date: string | null;
                                } | null;
                            } | null;
                            other_names: {
                                name: string;
                                note?: string;
                            }[];
                            contact_details: {
                                type: string;
                                value: string;
                                note?: string;
                            }[];
                            links: {
                                url: string;
                                note?: string;
                            }[];
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeopleOcdPersonByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        given_name: string | null;
                        family_name: string | null;
                        image: string | null;
                        photo: string | null;
                        email: string | null;
                        gender: string | null;
                        party: {
                            en: string | null;
                            fr: string | null;
                        } | null;
                        current_role: {
                            title: string;
                            org_classification: string;
                            district: string | null;
                            division_id: string | null;
                            jurisdiction_id: string | null;
                        } | null;
                        latest_seat: {
                            title: string;
                            org_classification: string;
                            district: string | null;
                            division_id: string | null;
                            jurisdiction_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            start_date: string | null;
                            end_date: string | null;
                            /** @description Whether the seat is held today (no end date, or ending today or later). */
                            current: boolean;
                            legislature: {
                                number: number;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                /** @description The general election that returned it: its members' terms start then. */
                                start_date: string;
                                end_date: string | null;
                            } | null;
                        } | null;
                        other_names: {
                            name: string;
                            note?: string;
                        }[];
                        contact_details: {
                            type: string;
                            value: string;
                            note?: string;
                        }[];
                        links: {
                            url: string;
                            note?: string;
                        }[];
                        other_identifiers: {
                            scheme: string;
                            identifier: string;
                        }[];
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        memberships: {
                            id: string;
                            organization: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                classification: string;
                                jurisdiction_id: string | null;
                            };
                            role: string;
                            label: string | null;
                            district: string | null;
                            division_id: string | null;
                            party: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                            } | null;
                            start_date: string | null;
                            end_date: string | null;
                            current: boolean;
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                        }[];
                        terms: {
                            organization: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                classification: string;
                                jurisdiction_id: string | null;
                            };
                            role: string;
                            district: string | null;
                            division_id: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            start_date: string | null;
                            end_date: string | null;
                            /** @description Sessions of the jurisdiction that overlap the term (an undated session spans the divisions held in it). */
                            sessions: string[];
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeopleOcdPersonByUuidVotes: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Session identifier, e.g. `44-1`. */
                session?: string;
                /** @description Divisions held on or after this date. */
                since?: string;
                /** @description Divisions held before this date. */
                before?: string;
                /** @description An ocd-bill id, or a bill number such as `C-21`. */
                bill?: string;
                /** @description Only ballots with this option (the summary ignores it). */
                option?: "yes" | "no" | "paired" | "absent" | "abstain";
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description By the date of the division (the summary ignores it). */
                sort?: "date_asc" | "date_desc";
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            vote_event: {
                                id: string;
                                identifier: string;
                                session: string;
                                start_date: string;
                                motion_text: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                result: string;
                                bill: {
                                    id: string | null;
                                    identifier: string | null;
                                } | null;
                                url: string;
                            };
                            option: string;
                            /** @description The name as printed in the record of the division. */
                            voter_name: string;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            /** @description When the ballot's record last changed. */
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                        /** @description Over the divisions matching session, since, before and bill (option is ignored), counting only divisions whose ballots are recorded: `divisions` = those held while the person sat: they cast a ballot in it, or it was held by an organization in which they had a membership on that date. `divisions_held` = the same divisions with or without recorded ballots: the rates rest on `divisions` of these `divisions_held` (most divisions are published as totals only; see `ballot_coverage` on /votes). `attended` = those where their ballot is yes, no, paired or abstain; `absent` = divisions − attended; `attendance_rate` = attended / divisions (null when divisions = 0). `party_line_ballots` = their yes/no ballots counted for a party (not an independent) whose yes/no ballots in that division, theirs included, have a strict majority; `dissents` = those of them whose option differs from that majority (the same test as the dissenters of /votes/{id}); `dissent_rate` = dissents / party_line_ballots (null when 0). Rates are rounded to 4 decimals. */
                        summary: {
                            /** @description Divisions with recorded ballots held while the person sat: what attendance rests on. */
                            divisions: number;
                            /** @description Divisions held while the person sat, recorded ballots or not. */
                            divisions_held: number;
                            attended: number;
                            absent: number;
                            attendance_rate: number | null;
                            counts: {
                                option: string;
                                value: number;
                            }[];
                            /** @description What the dissent rate rests on. */
                            party_line_ballots: number;
                            dissents: number;
                            dissent_rate: number | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeopleOcdPersonByUuidBills: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Session identifier, e.g. `44-1`. */
                session?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "updated_asc" | "updated_desc" | "introduced_asc" | "introduced_desc" | "latest_action_asc" | "latest_action_desc" | "number_asc" | "number_desc";
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            jurisdiction_id: string;
                            session: string;
                            identifier: string;
                            title: {
                                en: string | null;
                                fr: string | null;
                            };
                            short_title: {
                                en: string | null;
                                fr: string | null;
                            };
                            type: string | null;
                            is_government: boolean | null;
                            from_organization: string | null;
                            sponsor: {
                                id: string;
                                name: string | null;
                                title: string | null;
                            } | null;
                            status: {
                                en: string | null;
                                fr: string | null;
                            };
                            latest_stage: {
                                en: string | null;
                                fr: string | null;
                            };
                            introduced_date: string | null;
                            latest_action_date: string | null;
                            royal_assent_date: string | null;
                            statute: {
                                year: number | null;
                                chapter: string | null;
                            } | null;
                            summary: {
                                en: string | null;
                                fr: string | null;
                            };
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            created_at: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeopleOcdPersonByUuidSpeeches: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description An ocd-bill id, or a bill number such as `C-21`. */
                bill?: string;
                date?: string;
                /** @description On or after this date. */
                since?: string;
                /** @description Before this date. */
                before?: string;
                /** @description Full text, English and French (web-search syntax: "quoted phrase", -not, or). */
                q?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description Default: relevance with q, else date_desc (the speeches of a sitting in order either way). */
                sort?: "date_asc" | "date_desc" | "relevance";
            };
            header?: never;
            path: {
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            debate_id: string;
                            date: string;
                            sequence: number;
                            speaker: {
                                name: string;
                                person_id: string | null;
                                affiliation: string | null;
                                role: ("member" | "presiding_officer" | "witness" | "staff" | "group") | null;
                            };
                            time: string | null;
                            subject: {
                                en: string | null;
                                fr: string | null;
                            };
                            text: {
                                en: string | null;
                                fr: string | null;
                            };
                            bill: {
                                id: string;
                                identifier: string | null;
                            } | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPeopleOcdPersonByUuidPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The uuid part of the OCD id. */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The photo, as its source published it (JPEG, PNG, GIF or WebP); the person's `image` is where it came from. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpeg": string;
                    "image/png": string;
                    "image/gif": string;
                    "image/webp": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getPlaces: {
        parameters: {
            query: {
                /** @description What the citizen typed so far: part of a riding, ward, municipality or person's name, ignoring case and accents. */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** @enum {string} */
                            kind: "district" | "municipality" | "person";
                            /** @description The place's name, to pass as `place` to /representatives; or the person's name. */
                            name: string;
                            level: ("federal" | "provincial" | "municipal") | null;
                            detail: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            person_id: string | null;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRepresentatives: {
        parameters: {
            query: {
                /** @description A riding, ward or municipality name, e.g. `Carleton`, `Toronto Centre`, `Guelph`. */
                place: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        place: string;
                        /** @description Federal, then provincial, then municipal; empty when the data holds no one for the place. */
                        levels: {
                            /** @enum {string} */
                            level: "federal" | "provincial" | "municipal";
                            jurisdiction: {
                                id: string;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                            };
                            district: string | null;
                            /** @description true: the representatives hold their seat today. false: the data holds no one in it today (a legislature that has ended, whose successor's members are not in the data), so these are its last holders, whose memberships say when their seat ended. */
                            current: boolean;
                            legislature: {
                                number: number;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                /** @description The general election that returned it: its members' terms start then. */
                                start_date: string;
                                end_date: string | null;
                            } | null;
                            next_legislature: {
                                number: number;
                                name: {
                                    en: string | null;
                                    fr: string | null;
                                };
                                /** @description The general election that returned it: its members' terms start then. */
                                start_date: string;
                                end_date: string | null;
                            } | null;
                            representatives: ({
                                id: string;
                                name: string;
                                given_name: string | null;
                                family_name: string | null;
                                image: string | null;
                                photo: string | null;
                                email: string | null;
                                gender: string | null;
                                party: {
                                    en: string | null;
                                    fr: string | null;
                                } | null;
                                current_role: {
                                    title: string;
                                    org_classification: string;
                                    district: string | null;
                                    division_id: string | null;
                                    jurisdiction_id: string | null;
                                } | null;
                                latest_seat: {
                                    title: string;
                                    org_classification: string;
                                    district: string | null;
                                    division_id: string | null;
                                    jurisdiction_id: string | null;
                                    party: {
                                        en: string | null;
                                        fr: string | null;
                                    } | null;
                                    start_date: string | null;
                                    end_date: string | null;
                                    /** @description Whether the seat is held today (no end date, or ending today or later). */
                                    current: boolean;
                                    legislature: {
                                        number: number;
                                        name: {
                                            en: string | null;
                                            fr: string | null;
                                        };
                                        /** @description The general election that returned it: its members' terms start then. */
                                        start_date: string;
                                        end_date: string | null;
                                    } | null;
                                } | null;
                                other_names: {
                                    name: string;
                                    note?: string;
                                }[];
                                contact_details: {
                                    type: string;
                                    value: string;
                                    note?: string;
                                }[];
                                links: {
                                    url: string;
                                    note?: string;
                                }[];
                                other_identifiers: {
                                    scheme: string;
                                    identifier: string;
                                }[];
                                sources: {
                                    source: string;
                                    url?: string;
                                    file?: string;
                                    location?: string;
                                    retrieved_at: string;
                                }[];
                                url: string;
                                updated_at: string;
                            } & {
                                /** @description Their memberships for this division: the current ones, or when nobody holds it today the last ones (see `latest_seat`). */
                                memberships: {
                                    organization: {
                                        id: string;
                                        name: {
                                            en: string | null;
                                            fr: string | null;
                                        };
                                        classification: string;
                                        jurisdiction_id: string | null;
                                    };
                                    role: string;
                                    label: string | null;
                                    start_date: string | null;
                                    end_date: string | null;
                                }[];
                            })[];
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDivisions: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD id of the parent division, e.g. `ocd-division/country:ca/province:on`. */
                parent?: string;
                /** @description country, province, territory, ed (federal riding), ped (provincial riding), cd, csd, ward, … */
                classification?: string;
                /** @description Part of the English or French name, ignoring case. */
                name?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "id_asc" | "id_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string | null;
                            parent_id: string | null;
                            sgc: string | null;
                            valid_from: string | null;
                            valid_through: string | null;
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getDivisionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The OCD division id as it is, slashes and colons included. Its slashes may also be sent percent-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: {
                            en: string | null;
                            fr: string | null;
                        };
                        classification: string | null;
                        parent_id: string | null;
                        sgc: string | null;
                        valid_from: string | null;
                        valid_through: string | null;
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        url: string;
                        updated_at: string;
                    } & {
                        representatives: ({
                            id: string;
                            name: string;
                            given_name: string | null;
                            family_name: string | null;
                            image: string | null;
                            photo: string | null;
                            email: string | null;
                            gender: string | null;
                            party: {
                                en: string | null;
                                fr: string | null;
                            } | null;
                            current_role: {
                                title: string;
                                org_classification: string;
                                district: string | null;
                                division_id: string | null;
                                jurisdiction_id: string | null;
                            } | null;
                            latest_seat: {
                                title: string;
                                org_classification: string;
                                district: string | null;
                                division_id: string | null;
                                jurisdiction_id: string | null;
                                party: {
                                    en: string | null;
                                    fr: string | null;
                                } | null;
                                start_date: string | null;
                                end_date: string | null;
                                /** @description Whether the seat is held today (no end date, or ending today or later). */
                                current: boolean;
                                legislature: {
                                    number: number;
                                    name: {
                                        en: string | null;
                                        fr: string | null;
                                    };
                                    /** @description The general election that returned it: its members' terms start then. */
                                    start_date: string;
                                    end_date: string | null;
                                } | null;
                            } | null;
                            other_names: {
                                name: string;
                                note?: string;
                            }[];
                            contact_details: {
                                type: string;
                                value: string;
                                note?: string;
                            }[];
                            links: {
                                url: string;
                                note?: string;
                            }[];
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            url: string;
                            updated_at: string;
                        } & {
                            /** @description Their memberships for this division: the current ones, or when nobody holds it today the last ones (see `latest_seat`). */
                            memberships: {
                                organization: {
                                    id: string;
                                    name: {
                                        en: string | null;
                                        fr: string | null;
                                    };
                                    classification: string;
                                    jurisdiction_id: string | null;
                                };
                                role: string;
                                label: string | null;
                                start_date: string | null;
                                end_date: string | null;
                            }[];
                        })[];
                        /** @description true: the representatives hold their seat today. false: the data holds no one in it today (a legislature that has ended, whose successor's members are not in the data), so these are its last holders, whose memberships say when their seat ended. */
                        representatives_current: boolean;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getJurisdictions: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                level?: "federal" | "provincial" | "municipal";
                /** @description legislature, government or council. */
                classification?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "id_asc" | "id_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            /** @description Short code usable wherever a jurisdiction is asked for (`ca`, `bc`, `csd:3520005`). */
                            code: string;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string;
                            level: string;
                            division_id: string | null;
                            url: string | null;
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getJurisdictionsById: {
        parameters: {
            query?: {
                /** @description Repeatable or comma-separated: organizations, sessions. */
                include?: string | string[];
            };
            header?: never;
            path: {
                /** @description The OCD jurisdiction id as it is, or a short code (`ca`, `bc`, `csd:3520005`). Its slashes may also be sent percent-encoded. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        /** @description Short code usable wherever a jurisdiction is asked for (`ca`, `bc`, `csd:3520005`). */
                        code: string;
                        name: {
                            en: string | null;
                            fr: string | null;
                        };
                        classification: string;
                        level: string;
                        division_id: string | null;
                        url: string | null;
                        sources: {
                            source: string;
                            url?: string;
                            file?: string;
                            location?: string;
                            retrieved_at: string;
                        }[];
                        updated_at: string;
                    } & {
                        organizations?: {
                            id: string;
                            name: {
                                en: string | null;
                                fr: string | null;
                            };
                            classification: string;
                            abbreviation: string | null;
                            parent_id: string | null;
                            other_identifiers: {
                                scheme: string;
                                identifier: string;
                            }[];
                        }[];
                        sessions?: {
                            id: string;
                            jurisdiction_id: string;
                            identifier: string;
                            name: string;
                            classification: string;
                            start_date: string | null;
                            end_date: string | null;
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            updated_at: string;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSessions: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description OCD jurisdiction id or short code (`ca`, `bc`). */
                jurisdiction?: string;
                /** @description Only records whose `updated_at` is at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                /** @description `number`: by jurisdiction, then parliament and session as numbers. */
                sort?: "number_asc" | "number_desc" | "updated_asc" | "updated_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            jurisdiction_id: string;
                            identifier: string;
                            name: string;
                            classification: string;
                            start_date: string | null;
                            end_date: string | null;
                            sources: {
                                source: string;
                                url?: string;
                                file?: string;
                                location?: string;
                                retrieved_at: string;
                            }[];
                            updated_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSources: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Only sources whose last successful import (`last_success_at`) finished at or after this moment: an RFC 3339 date-time (`2026-12-01T12:00:00Z`), or a date (`2026-12-01`), which means from the start of that day, UTC. */
                updated_since?: string;
                sort?: "source_asc" | "source_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** @description The importer name, as on the CLI (`openpolicy import <source>`). */
                            source: string;
                            description: string | null;
                            last_run: {
                                id: number;
                                /**
                                 * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                                 * @enum {string}
                                 */
                                status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                                started_at: string;
                                finished_at: string | null;
                                /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                                inserted: number;
                                /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                                updated: number;
                                /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                                unchanged: number;
                                /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                                rejected: number;
                                error: string | null;
                            } | null;
                            last_success_at: string | null;
                            freshness_seconds: number | null;
                            runs: number;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthRegister: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description No role: every account starts as `user`; only an admin changes roles. */
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    password: string;
                    /** @description 3-32 letters, digits, `_`, `.` or `-`. */
                    username?: string;
                    name?: string;
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthLogin: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Exactly one of `email` or `username`, with `password`. */
        requestBody: {
            content: {
                "application/json": {
                    email?: string;
                    username?: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        /** @description Seconds the access token stays valid. */
                        expires_in: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthRefresh: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    refresh_token: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        access_token: string;
                        refresh_token: string;
                        /** @enum {string} */
                        token_type: "Bearer";
                        /** @description Seconds the access token stays valid. */
                        expires_in: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthLogout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        username: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "editor" | "user";
                        /** @description Rate-limit tier. */
                        tier: string;
                        disabled: boolean;
                        created_at: string;
                        last_login_at: string | null;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPassword: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    current_password: string;
                    new_password: string;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Other sessions ended. */
                        sessions_revoked: number;
                        /** @description Outstanding reset tokens spent. */
                        reset_tokens_revoked: number;
                        /** @description The live API keys, which keep working: review them, revoke any you do not recognise. */
                        api_keys: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The visible start of the key, to recognise it by. */
                            prefix: string;
                            created_at: string;
                            last_used_at: string | null;
                            expires_at: string | null;
                            revoked_at: string | null;
                            /** @description What the key may do besides what anyone may (see README "API keys"). */
                            scopes: string[];
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPasswordReset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        detail: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAuthPasswordResetConfirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    token: string;
                    password: string;
                };
            };
        };
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAuthSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: string;
                            created_at: string;
                            last_used_at: string;
                            expires_at: string;
                            ip: string | null;
                            user_agent: string | null;
                            current: boolean;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthSessions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        revoked: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAuthSessionsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The visible start of the key, to recognise it by. */
                            prefix: string;
                            created_at: string;
                            last_used_at: string | null;
                            expires_at: string | null;
                            revoked_at: string | null;
                            /** @description What the key may do besides what anyone may (see README "API keys"). */
                            scopes: string[];
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description What the key is for, e.g. "newsroom dashboard". */
                    name: string;
                    /**
                     * Format: date-time
                     * @description Optional expiry, within 1825 days.
                     */
                    expires_at?: string;
                    /** @description Default ["public:read"]. Each must be a permission of your role; keys never manage the account, keys, users, audit or mail. */
                    scopes?: ("public:read" | "saved:manage" | "imports:read" | "imports:run" | "records:edit")[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** @description The visible start of the key, to recognise it by. */
                        prefix: string;
                        created_at: string;
                        last_used_at: string | null;
                        expires_at: string | null;
                        revoked_at: string | null;
                        /** @description What the key may do besides what anyone may (see README "API keys"). */
                        scopes: string[];
                    } & {
                        /** @description The key itself; shown this once only. Send it as X-API-Key. */
                        key: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        name: string;
                        /** @description The visible start of the key, to recognise it by. */
                        prefix: string;
                        created_at: string;
                        last_used_at: string | null;
                        expires_at: string | null;
                        revoked_at: string | null;
                        /** @description What the key may do besides what anyone may (see README "API keys"). */
                        scopes: string[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeSaved: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            type: "bill" | "person";
                            /** @description The OCD id of the bill or person. */
                            item_id: string;
                            title: string | null;
                            /** @description The API URL of the bill or person. */
                            url: string;
                            email: ("immediate" | "daily" | "off") | null;
                            webhook: boolean | null;
                            created_at: string;
                            updated_at: string;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putMeSavedByTypeByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `bill` or `person`. */
                type: "bill" | "person";
                /** @description The uuid part of the OCD id (ocd-bill/<uuid>, ocd-person/<uuid>). */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        type: "bill" | "person";
                        /** @description The OCD id of the bill or person. */
                        item_id: string;
                        title: string | null;
                        /** @description The API URL of the bill or person. */
                        url: string;
                        email: ("immediate" | "daily" | "off") | null;
                        webhook: boolean | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        type: "bill" | "person";
                        /** @description The OCD id of the bill or person. */
                        item_id: string;
                        title: string | null;
                        /** @description The API URL of the bill or person. */
                        url: string;
                        email: ("immediate" | "daily" | "off") | null;
                        webhook: boolean | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMeSavedByTypeByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `bill` or `person`. */
                type: "bill" | "person";
                /** @description The uuid part of the OCD id (ocd-bill/<uuid>, ocd-person/<uuid>). */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchMeSavedByTypeByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description `bill` or `person`. */
                type: "bill" | "person";
                /** @description The uuid part of the OCD id (ocd-bill/<uuid>, ocd-person/<uuid>). */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    email?: ("immediate" | "daily" | "off") | null;
                    webhook?: boolean | null;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        type: "bill" | "person";
                        /** @description The OCD id of the bill or person. */
                        item_id: string;
                        title: string | null;
                        /** @description The API URL of the bill or person. */
                        url: string;
                        email: ("immediate" | "daily" | "off") | null;
                        webhook: boolean | null;
                        created_at: string;
                        updated_at: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `immediate`: a mail per event; `daily`: one digest a day (after midnight UTC); `off`: no mail. */
                        email: "off" | "immediate" | "daily";
                        /** @description My private Atom feed of everything I follow: a secret URL, keep it so. */
                        feed_url: string;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    putMeAlerts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description `immediate`: a mail per event; `daily`: one digest a day (after midnight UTC); `off`: no mail. */
                    email: "off" | "immediate" | "daily";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description `immediate`: a mail per event; `daily`: one digest a day (after midnight UTC); `off`: no mail. */
                        email: "off" | "immediate" | "daily";
                        /** @description My private Atom feed of everything I follow: a secret URL, keep it so. */
                        feed_url: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeSearches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            q: string;
                            types: ("bill" | "speech")[];
                            session: string | null;
                            /** @description The Atom feed of new matches (its id is its only key). */
                            feed_url: string;
                            created_at: string;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postMeSearches: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description Words as the search box takes them ("quoted phrase", -excluded, or). */
                    q: string;
                    /** @description What it matches; both by default. */
                    types?: ("bill" | "speech")[];
                    /** @description Only bills of this session (e.g. 45-1). */
                    session?: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        q: string;
                        types: ("bill" | "speech")[];
                        session: string | null;
                        /** @description The Atom feed of new matches (its id is its only key). */
                        feed_url: string;
                        created_at: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMeSearchesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            url: string;
                            consecutive_failures: number;
                            disabled_at: string | null;
                            disabled_reason: string | null;
                            created_at: string;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postMeWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description An https:// URL on the public internet. */
                    url: string;
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        url: string;
                        consecutive_failures: number;
                        disabled_at: string | null;
                        disabled_reason: string | null;
                        created_at: string;
                        /** @description The HMAC-SHA256 key of the `OpenPolicy-Signature` header, shown this once. */
                        secret: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteMeWebhooksById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMeWebhooksByIdDeliveries: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                sort?: "id_asc" | "id_desc";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: number;
                            event_id: string | null;
                            test: boolean;
                            status: "queued" | "running" | "done" | "failed";
                            attempts: number;
                            last_status: number | null;
                            last_latency_ms: number | null;
                            last_error: string | null;
                            next_attempt_at: string | null;
                            created_at: string;
                            finished_at: string | null;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postMeWebhooksByIdTest: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description The delivery's id, also sent as `OpenPolicy-Delivery`. */
                        delivery: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postUnsubscribeByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The secret from the mail's unsubscribe link. */
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    "List-Unsubscribe"?: "One-Click";
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        email: "off";
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFeedsBillsByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The uuid part of the OCD id. */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Atom feed (RFC 4287); each entry's id is stable: the same event, the same id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFeedsPeopleByUuid: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The uuid part of the OCD id. */
                uuid: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Atom feed (RFC 4287); each entry's id is stable: the same event, the same id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFeedsSearchesById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Atom feed (RFC 4287); each entry's id is stable: the same event, the same id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getFeedsPrivateByToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An Atom feed (RFC 4287); each entry's id is stable: the same event, the same id. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminUsers: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                role?: "admin" | "editor" | "user";
                disabled?: boolean;
                /** @description Part of the email, username or name. */
                q?: string;
                sort?: "created_asc" | "created_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            email: string;
                            username: string | null;
                            name: string | null;
                            /** @enum {string} */
                            role: "admin" | "editor" | "user";
                            /** @description Rate-limit tier. */
                            tier: string;
                            disabled: boolean;
                            created_at: string;
                            last_login_at: string | null;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminUsersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        username: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "editor" | "user";
                        /** @description Rate-limit tier. */
                        tier: string;
                        disabled: boolean;
                        created_at: string;
                        last_login_at: string | null;
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAdminUsersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    patchAdminUsersById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role?: "admin" | "editor" | "user";
                    /** @enum {string} */
                    tier?: "default" | "plus" | "partner";
                    /** @description true disables the account and ends its sessions; its API keys stop working. */
                    disabled?: boolean;
                };
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id: string;
                        email: string;
                        username: string | null;
                        name: string | null;
                        /** @enum {string} */
                        role: "admin" | "editor" | "user";
                        /** @description Rate-limit tier. */
                        tier: string;
                        disabled: boolean;
                        created_at: string;
                        last_login_at: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAdminUsersByIdUnlock: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminAudit: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                action?: "user.register" | "user.create" | "login.success" | "login.failure" | "account.locked" | "account.unlock" | "logout" | "refresh.reuse" | "password.change" | "password.reset_request" | "password.reset" | "session.revoke" | "user.role_change" | "user.tier_change" | "user.disable" | "user.enable" | "user.delete" | "key.create" | "key.revoke" | "import.start" | "import.finish" | "record.edit";
                outcome?: "success" | "failure";
                user_id?: string;
                ip?: string;
                since?: string;
                until?: string;
                /** @description Entries are numbered as they are written. */
                sort?: "id_asc" | "id_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: number;
                            at: string;
                            action: string;
                            outcome: string;
                            user_id: string | null;
                            actor: string | null;
                            target_type: string | null;
                            target_id: string | null;
                            ip: string | null;
                            user_agent: string | null;
                            request_id: string | null;
                            details: {
                                [key: string]: unknown;
                            };
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminOutbox: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                to?: string;
                sort?: "id_asc" | "id_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: number;
                            to: string;
                            subject: string;
                            body: string;
                            created_at: string;
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminImports: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                source?: string;
                status?: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                sort?: "id_asc" | "id_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            id: number;
                            /**
                             * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                             * @enum {string}
                             */
                            status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                            started_at: string;
                            finished_at: string | null;
                            /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                            inserted: number;
                            /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                            updated: number;
                            /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                            unchanged: number;
                            /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                            rejected: number;
                            error: string | null;
                            source: string;
                            paths: string[];
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAdminImports: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @description One of: ocd-divisions, openparliament, ourcommons-members, legisinfo-bills, bill-texts, bc-legislature, ourcommons-divisions, ourcommons-votes, hansard, municipal. */
                    source: string;
                    /**
                     * @description Import the sample bundled with the product (the only input the API accepts).
                     * @enum {boolean}
                     */
                    sample: true;
                };
            };
        };
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        /**
                         * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                         * @enum {string}
                         */
                        status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                        started_at: string;
                        finished_at: string | null;
                        /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                        inserted: number;
                        /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                        updated: number;
                        /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                        unchanged: number;
                        /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                        rejected: number;
                        error: string | null;
                        source: string;
                        paths: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminImportsById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        /**
                         * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                         * @enum {string}
                         */
                        status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                        started_at: string;
                        finished_at: string | null;
                        /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                        inserted: number;
                        /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                        updated: number;
                        /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                        unchanged: number;
                        /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                        rejected: number;
                        error: string | null;
                        source: string;
                        paths: string[];
                    } & {
                        /** @description The first 100 rejected records, with where they were found. */
                        rejections: {
                            location: string;
                            message: string;
                            record: string | null;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminFetch: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Whether this server fetches on schedule (FETCH=on). */
                        scheduled: boolean;
                        /** @description Whether a fetch may be started here: FETCH_CONTACT is set. */
                        can_fetch: boolean;
                        stale_after_hours: number;
                        sources: {
                            /** @description The fetch source, named for the importer that reads what it fetches. */
                            source: string;
                            /** @description Minutes between two scheduled runs (FETCH_SCHEDULE), timed from the end of the last. */
                            every_minutes: number;
                            /** @description The publisher's entry points this source fetches. */
                            feeds: string[];
                            last_run: {
                                id: number;
                                /**
                                 * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                                 * @enum {string}
                                 */
                                status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                                started_at: string;
                                finished_at: string | null;
                                /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                                inserted: number;
                                /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                                updated: number;
                                /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                                unchanged: number;
                                /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                                rejected: number;
                                error: string | null;
                                source: string;
                                paths: string[];
                            } | null;
                            last_success_at: string | null;
                            age_hours: number | null;
                            /** @description No successful run within DATA_STALE_HOURS: /health reports it. */
                            stale: boolean;
                        }[];
                    };
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    postAdminFetchBySource: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                source: "legisinfo-bills" | "ourcommons-votes" | "hansard" | "ourcommons-members" | "municipal";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Accepted */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: number;
                        /**
                         * @description partial: finished with some records rejected; abandoned: the process running it died (no heartbeat for 60 s).
                         * @enum {string}
                         */
                        status: "running" | "succeeded" | "partial" | "failed" | "abandoned";
                        started_at: string;
                        finished_at: string | null;
                        /** @description Records inserted so far while the run is running (saved about once a second), in all once it has finished. */
                        inserted: number;
                        /** @description Records updated so far while the run is running (saved about once a second), in all once it has finished. */
                        updated: number;
                        /** @description Records found unchanged so far while the run is running (saved about once a second), in all once it has finished. */
                        unchanged: number;
                        /** @description Records rejected so far while the run is running (saved about once a second), in all once it has finished. */
                        rejected: number;
                        error: string | null;
                        source: string;
                        paths: string[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAdminKeys: {
        parameters: {
            query?: {
                /** @description Page number, from 1. */
                page?: number;
                /** @description Results per page (1-100). */
                per_page?: number;
                /** @description Opaque cursor from `pagination.next`; walks the whole collection without deep offsets. */
                cursor?: string;
                /** @description `csv` streams every matching row (also `Accept: text/csv`). */
                format?: "json" | "csv";
                /** @description Only this user's keys. */
                user_id?: string;
                /** @description true: revoked keys only; false: keys not revoked. */
                revoked?: boolean;
                /** @description Part of the key's name or prefix, or of its owner's email or username. */
                q?: string;
                sort?: "created_asc" | "created_desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    /** @description `Accept`: `Accept: text/csv` answers CSV as `format=csv` does. */
                    Vary?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        results: {
                            /** Format: uuid */
                            id: string;
                            name: string;
                            /** @description The visible start of the key, to recognise it by. */
                            prefix: string;
                            created_at: string;
                            last_used_at: string | null;
                            expires_at: string | null;
                            revoked_at: string | null;
                            /** @description What the key may do besides what anyone may (see README "API keys"). */
                            scopes: string[];
                            /** Format: uuid */
                            user_id: string;
                            owner: {
                                email: string;
                                username: string | null;
                                /** @description The owner's rate-limit tier, which the key's requests count against. */
                                tier: string;
                            };
                        }[];
                        pagination: {
                            page: number;
                            per_page: number;
                            max_page: number;
                            total_items: number;
                            /** @description URL of the next page (cursor-based), or null at the end. */
                            next: string | null;
                        };
                    };
                    /**
                     * @example id,identifier,title_en
                     *     ocd-bill/3b1e4f0e-8f8a-5b9f-9a53-3d2e8a1c2f10,C-12,"An Act to amend the Customs Act"
                     */
                    "text/csv": string;
                };
            };
            304: components["responses"]["NotModified"];
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    deleteAdminKeysById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No Content */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
