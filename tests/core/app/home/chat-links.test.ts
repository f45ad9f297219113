/** Links from the tab to a card in Teams, from the conversation and message ids the outbox kept. */
import { describe, expect, it } from 'vitest';
import { chatLink } from '../../../../core/app/home';

const settings = { tenantId: '00000000-0000-4000-8000-000000000001', teamsAppId: '11111111-2222-4333-8444-555555555555' };

describe('chatLink', () => {
  it('opens a card in a channel as the message in its thread', () => {
    const link = chatLink({ conversationId: '19:abc123@thread.tacv2;messageid=1700000000001', activityId: '1700000000002' }, settings);
    expect(link).toEqual({
      url: 'https://teams.microsoft.com/l/message/19%3Aabc123%40thread.tacv2/1700000000002?tenantId=00000000-0000-4000-8000-000000000001&parentMessageId=1700000000001',
      opens: 'message',
    });
    // A new post in the channel is its own thread's root.
    expect(chatLink({ conversationId: '19:abc123@thread.skype', activityId: '42' }, settings)?.url).toContain('parentMessageId=42');
  });

  it('opens a card in a group chat as the chat message', () => {
    const link = chatLink({ conversationId: '19:c6d70e392a384916c3262b15406d763e@thread.v2', activityId: '1563480968434' }, settings);
    expect(link?.opens).toBe('message');
    expect(link?.url).toBe(
      'https://teams.microsoft.com/l/message/19%3Ac6d70e392a384916c3262b15406d763e%40thread.v2/1563480968434?tenantId=00000000-0000-4000-8000-000000000001&context=%7B%22contextType%22%3A%22chat%22%7D',
    );
  });

  it('opens the person’s chat with the app for a card in a 1:1 chat (a Bot Framework `a:` id is no chat id)', () => {
    expect(chatLink({ conversationId: 'a:1xYz-personal', activityId: '1:abc' }, settings)).toEqual({
      url: 'https://teams.microsoft.com/l/entity/11111111-2222-4333-8444-555555555555/conversations?tenantId=00000000-0000-4000-8000-000000000001',
      opens: 'chat',
    });
    // Without the Teams app id there is no link to make.
    expect(chatLink({ conversationId: 'a:1xYz-personal', activityId: '1:abc' }, { ...settings, teamsAppId: null })).toBeNull();
  });

  it('makes no link of a card not yet delivered, or of an id of another form', () => {
    expect(chatLink({ conversationId: null, activityId: null }, settings)).toBeNull();
    expect(chatLink({ conversationId: '19:abc@thread.v2', activityId: null }, settings)).toBeNull();
    expect(chatLink({ conversationId: 'javascript:alert(1)', activityId: '1' }, settings)).toBeNull();
    expect(chatLink({ conversationId: '19:abc@thread.v2"><script>', activityId: '1' }, settings)).toBeNull();
  });
});
