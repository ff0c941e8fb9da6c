// The demo: a populated record a newcomer can explore in a minute, in the words of the
// seeds. It goes through the HTTP API with a token per role, so every event carries its
// actor, passes the same checks as real use and sits in the same hash chains.
import type { FastifyInstance } from 'fastify';
import { client, type Body } from './demo-client.js';
import { registerBlockContract } from './demo-contract.js';
import { registerDemoPeople, registerDemoProviders } from './demo-people.js';
import type { DemoTokens } from './demo-tokens.js';
import { communityConnections } from './story-community-connections.js';
import { disaggregation } from './story-disaggregation.js';
import { lipService } from './story-lip-service.js';
import { fridayClosure, nightSupport, travelTraining } from './story-travel-and-nights.js';
import { chooseYourWorker, reviewLetters, tuesdayClub, weekendStaffing } from './story-weekends-and-clubs.js';

export { COUNCIL, DAY_SERVICE_PROVIDER, SELF_ADVOCACY_GROUP, demoPeople } from './demo-people.js';
export { createDemoTokens, type DemoTokens } from './demo-tokens.js';

export async function loadDemoScenario(app: FastifyInstance, tokens: DemoTokens): Promise<{ events: number }> {
  const post = client(app);
  const council = tokens.commissioner;
  let events = 0;
  const count = async (token: string, url: string, body: Body) => {
    const answer = await post(token, url, body);
    events += Array.isArray(answer.events) ? answer.events.length : 0;
    return answer;
  };

  await registerDemoProviders(count, council);
  await registerDemoPeople(count, council);
  const contractId = await registerBlockContract(count, council);
  // Two quarters of history first, so the three stories stay the newest a reader meets.
  for (const story of [travelTraining, fridayClosure, nightSupport, weekendStaffing, chooseYourWorker, tuesdayClub, reviewLetters]) {
    await story(count, tokens);
  }
  await disaggregation(count, tokens, contractId);
  await communityConnections(count, tokens);
  await lipService(count, tokens);
  return { events };
}
