import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type PaginationSpec } from '../../kit/request-spec.js';
import type { Service } from '../../kit/service-types.js';
import { githubApp, githubToken } from './github-credentials.js';
import { githubNode } from './github-fetch.js';
import { getFile, putFile } from './github-files.js';
import { githubInfo } from './github-info.js';
import {
  assignees,
  direction,
  githubError,
  issueNumber,
  labels,
  owner,
  pullNumber,
  repo,
  since,
  snakeBody,
  text,
  title,
} from './github-requests.js';

export { githubApp, githubToken };

/** Every list follows the `Link` header's `rel="next"`, a hundred to a page. */
const pages: PaginationSpec = { type: 'linkHeader', pageSize: { in: 'query', name: 'per_page', value: 100 } };
const inRepo = '/repos/{owner}/{repo}';
const listState = z.enum(['open', 'closed', 'all']).meta({ label: 'State' });
const milestone = z.number().int().min(1).nullable().meta({ label: 'Milestone number', description: 'Null removes the milestone.' });
const comma = (value: unknown) => (value as string[]).join(',');

const service = defineService({
  ...githubInfo,
  baseUrl: 'https://api.github.com',
  credentials: [githubToken, githubApp],
  error: githubError,
  rateLimit: { resetHeaders: ['x-ratelimit-reset'] },
  resources: {
    issue: {
      displayName: 'Issue',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            owner,
            repo,
            title,
            text: text.optional(),
            assignees: assignees.optional(),
            labels: labels.optional(),
            milestone: milestone.optional(),
          }),
          request: { method: 'POST', path: `${inRepo}/issues`, body: snakeBody(['title', 'text', 'assignees', 'labels', 'milestone']) },
        },
        update: {
          displayName: 'Update',
          description: 'Change its title, body, labels or assignees, or close or reopen it.',
          params: z.object({
            owner,
            repo,
            issueNumber,
            title: title.optional(),
            text: text.optional(),
            issueState: z.enum(['open', 'closed']).optional().meta({ label: 'State' }),
            stateReason: z.enum(['completed', 'not_planned', 'reopened']).optional().meta({ label: 'Reason' }),
            assignees: assignees.optional(),
            labels: labels.optional().meta({ ...labels.meta(), description: 'Replaces every label.' }),
            milestone: milestone.optional(),
          }),
          request: {
            method: 'PATCH',
            path: `${inRepo}/issues/{issueNumber}`,
            body: { ...snakeBody(['title', 'text', 'stateReason', 'assignees', 'labels', 'milestone']), state: param('issueState') },
          },
        },
        get: {
          displayName: 'Get',
          params: z.object({ owner, repo, issueNumber }),
          request: { method: 'GET', path: `${inRepo}/issues/{issueNumber}` },
        },
        list: {
          displayName: 'List',
          description: 'A repository\u2019s issues (GitHub counts pull requests as issues too).',
          params: z.object({
            owner,
            repo,
            listState: listState.optional(),
            labels: labels.optional().meta({ ...labels.meta(), description: 'Only issues with every one of these.' }),
            assignee: z.string().min(1).optional().meta({ label: 'Assignee', description: 'A login, "none" or "*".' }),
            creator: z.string().min(1).optional().meta({ label: 'Creator' }),
            mentioned: z.string().min(1).optional().meta({ label: 'Mentioned' }),
            sort: z.enum(['created', 'updated', 'comments']).optional().meta({ label: 'Sort by' }),
            direction: direction.optional(),
            since: since.optional(),
          }),
          request: {
            method: 'GET',
            path: `${inRepo}/issues`,
            query: {
              state: param('listState'),
              labels: param('labels', comma),
              assignee: param('assignee'),
              creator: param('creator'),
              mentioned: param('mentioned'),
              sort: param('sort'),
              direction: param('direction'),
              since: param('since'),
            },
          },
          paginate: pages,
        },
      },
    },
    comment: {
      displayName: 'Comment',
      operations: {
        create: {
          displayName: 'Create',
          description: 'Comment on an issue or a pull request.',
          params: z.object({ owner, repo, issueNumber, text: text.min(1) }),
          request: { method: 'POST', path: `${inRepo}/issues/{issueNumber}/comments`, body: { body: param('text') } },
        },
        list: {
          displayName: 'List',
          description: 'The comments on an issue or a pull request, oldest first.',
          params: z.object({ owner, repo, issueNumber, since: since.optional() }),
          request: { method: 'GET', path: `${inRepo}/issues/{issueNumber}/comments`, query: { since: param('since') } },
          paginate: pages,
        },
      },
    },
    pullRequest: {
      displayName: 'Pull request',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            owner,
            repo,
            title,
            head: z.string().min(1).meta({ label: 'Head branch', placeholder: 'feature or octocat:feature' }),
            base: z.string().min(1).meta({ label: 'Base branch', placeholder: 'main' }),
            text: text.optional(),
            draft: z.boolean().optional().meta({ label: 'Draft' }),
            maintainerCanModify: z.boolean().optional().meta({ label: 'Maintainers may push to the head branch' }),
          }),
          request: {
            method: 'POST',
            path: `${inRepo}/pulls`,
            body: snakeBody(['title', 'head', 'base', 'text', 'draft', 'maintainerCanModify']),
          },
        },
        get: {
          displayName: 'Get',
          params: z.object({ owner, repo, pullNumber }),
          request: { method: 'GET', path: `${inRepo}/pulls/{pullNumber}` },
        },
        list: {
          displayName: 'List',
          params: z.object({
            owner,
            repo,
            listState: listState.optional(),
            head: z.string().min(1).optional().meta({ label: 'Head', placeholder: 'octocat:feature' }),
            base: z.string().min(1).optional().meta({ label: 'Base branch' }),
            pullSort: z.enum(['created', 'updated', 'popularity', 'long-running']).optional().meta({ label: 'Sort by' }),
            direction: direction.optional(),
          }),
          request: {
            method: 'GET',
            path: `${inRepo}/pulls`,
            query: {
              state: param('listState'),
              head: param('head'),
              base: param('base'),
              sort: param('pullSort'),
              direction: param('direction'),
            },
          },
          paginate: pages,
        },
        merge: {
          displayName: 'Merge',
          params: z.object({
            owner,
            repo,
            pullNumber,
            commitTitle: z.string().min(1).optional().meta({ label: 'Commit title' }),
            commitMessage: z.string().optional().meta({ label: 'Commit message', editor: 'multiline' }),
            mergeMethod: z.enum(['merge', 'squash', 'rebase']).optional().meta({ label: 'Merge method' }),
            sha: z
              .string()
              .regex(/^[0-9a-f]{40}$/, 'must be a commit SHA (40 hex digits)')
              .optional()
              .meta({ label: 'Head SHA', description: 'Merge only if the head is still this commit.' }),
          }),
          request: {
            method: 'PUT',
            path: `${inRepo}/pulls/{pullNumber}/merge`,
            body: snakeBody(['commitTitle', 'commitMessage', 'mergeMethod', 'sha']),
          },
        },
      },
    },
    release: {
      displayName: 'Release',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            owner,
            repo,
            tagName: z.string().min(1).meta({ label: 'Tag', placeholder: 'v1.2.0' }),
            targetCommitish: z
              .string()
              .min(1)
              .optional()
              .meta({ label: 'Target', description: 'The branch or commit the tag is made from, when it does not exist yet.' }),
            name: z.string().optional().meta({ label: 'Name' }),
            text: text.optional(),
            draft: z.boolean().optional().meta({ label: 'Draft' }),
            prerelease: z.boolean().optional().meta({ label: 'Pre-release' }),
            generateReleaseNotes: z.boolean().optional().meta({ label: 'Generate release notes' }),
            makeLatest: z.enum(['true', 'false', 'legacy']).optional().meta({ label: 'Mark as latest' }),
          }),
          request: {
            method: 'POST',
            path: `${inRepo}/releases`,
            body: snakeBody(['tagName', 'targetCommitish', 'name', 'text', 'draft', 'prerelease', 'generateReleaseNotes', 'makeLatest']),
          },
        },
        list: {
          displayName: 'List',
          params: z.object({ owner, repo }),
          request: { method: 'GET', path: `${inRepo}/releases` },
          paginate: pages,
        },
      },
    },
    file: {
      displayName: 'File',
      operations: { get: getFile, put: putFile },
    },
  },
});

/**
 * GitHub: issues, comments, pull requests, releases and repository files
 * through the REST API, with a personal access token or as a GitHub App
 * installation.
 */
export const github: Service = { definition: service.definition, node: githubNode(service) };
