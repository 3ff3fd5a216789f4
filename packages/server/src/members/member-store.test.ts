import { createMemoryMemberStore } from './member-store.js';
import { describeMemberStore } from '../testing/member-store-suite.js';

describeMemberStore('memory', async () => createMemoryMemberStore());
